"""The client's pages' strings in Swedish and English (plain language, selkokieli /
lättläst). `python -m oma.locale.strings` writes oma/locale/{sv,en}/LC_MESSAGES/
django.po from this table (no GNU gettext needed); then run `python -m kuty.i18n_build`."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

STRINGS = {
    "Hei %(name)s!": ("Hej %(name)s!", "Hello %(name)s!"),
    "Suunnitelmasi tarkistetaan viimeistään %(day)s.": (
        "Din plan granskas senast %(day)s.",
        "Your plan will be reviewed by %(day)s at the latest.",
    ),
    "Tässä näet, kuka on katsonut tai muuttanut tietojasi %(since)s jälkeen.": (
        "Här ser du vem som har tittat på eller ändrat dina uppgifter efter %(since)s.",
        "Here you can see who has looked at or changed your information since %(since)s.",
    ),
    "Allekirjoitit suunnitelman.": ("Du har skrivit under planen.", "You signed the plan."),
    "Oma asiointi": ("Mina ärenden", "My services"),
    "Suostumus on peruttu. Se ei ole enää voimassa.": (
        "Samtycket är återkallat. Det gäller inte längre.",
        "The consent is withdrawn. It is no longer valid.",
    ),
    "Tunnistaudu uudelleen pankkitunnuksilla tai mobiilivarmenteella ja yritä sitten.": (
        "Identifiera dig igen med bankkoder eller mobilcertifikat och försök sedan igen.",
        "Identify yourself again with your bank codes or mobile certificate, then try again.",
    ),
    "allekirjoitus": ("underskrift", "signature"),
    "asiakkaan oma allekirjoitus": ("klientens egen underskrift", "client's own signature"),
    "asiakkaan omat allekirjoitukset": ("klientens egna underskrifter", "clients' own signatures"),
    "asiakkaan tunnus": ("klientens konto", "client account"),
    "asiakkaiden tunnukset": ("klienternas konton", "client accounts"),
    "henkilötunnus": ("personbeteckning", "personal identity code"),
    "käyttäjä": ("användare", "user"),
    "luotu": ("skapad", "created"),
    "tunnistautuminen": ("identifiering", "identification"),
    "tunnistautumiset": ("identifieringar", "identifications"),
    "tunnistautumisaika": ("tidpunkt för identifiering", "time of authentication"),
    "tunniste palvelussa": ("identifierare i tjänsten", "identifier at the service"),
    "tunnisteen yksilöinti": ("identifierarens id", "token identifier"),
    "tunnistettu": ("identifierad", "identified"),
    "tunnistuspalvelu": ("identifieringstjänst", "identification service"),
    "Alkaa": ("Börjar", "Starts"),
    "Allekirjoita": ("Skriv under", "Sign"),
    "Allekirjoitukset": ("Underskrifter", "Signatures"),
    "Annettu %(day)s.": ("Givet %(day)s.", "Given on %(day)s."),
    "Voimassa %(day)s asti.": ("Gäller till och med %(day)s.", "Valid until %(day)s."),
    "Ei enää voimassa.": ("Gäller inte längre.", "No longer valid."),
    "Ei merkintöjä.": ("Inga anteckningar.", "Nothing recorded."),
    "Emme löytäneet sinun tietojasi.": (
        "Vi hittade inte dina uppgifter.",
        "We did not find your information.",
    ),
    "Katso suunnitelma": ("Se planen", "See the plan"),
    "Katsomiset ja muutokset": ("Tittat och ändrat", "Looked at and changed"),
    "Kirjaudu": ("Logga in", "Sign in"),
    "Kirjaudu omaan asiointiin": ("Logga in till Mina ärenden", "Sign in to My services"),
    "Kirjaudu uudelleen": ("Logga in igen", "Sign in again"),
    "Kirjauduit ulos": ("Du har loggat ut", "You have signed out"),
    "Kirjautuminen ei onnistunut. Emme löytäneet sinun tietojasi. Yritä uudelleen tai "
    "kysy omatyöntekijältäsi.": (
        "Inloggningen lyckades inte. Vi hittade inte dina uppgifter. Försök igen eller "
        "fråga din kontaktperson.",
        "Signing in did not work. We did not find your information. Try again or ask "
        "your social worker.",
    ),
    "Kuka on katsonut tietojani": (
        "Vem har tittat på mina uppgifter",
        "Who has looked at my information",
    ),
    "Kuka tukee sinua": ("Vem stöder dig", "Who supports you"),
    "Kukaan ei ole vielä allekirjoittanut.": (
        "Ingen har skrivit under ännu.",
        "Nobody has signed yet.",
    ),
    "Missä": ("Var", "Where"),
    "Montako päivää viikossa": ("Hur många dagar i veckan", "How many days a week"),
    "Montako tuntia päivässä": ("Hur många timmar om dagen", "How many hours a day"),
    "Muista nämä": ("Kom ihåg", "Remember"),
    "Olen lukenut suunnitelman. Hyväksyn sen.": (
        "Jag har läst planen. Jag godkänner den.",
        "I have read the plan. I accept it.",
    ),
    "Olet allekirjoittanut tämän suunnitelman.": (
        "Du har skrivit under den här planen.",
        "You have signed this plan.",
    ),
    "Omatyöntekijä": ("Kontaktperson", "Your social worker"),
    "Peru suostumus": ("Återkalla samtycket", "Withdraw the consent"),
    "Peruit tämän %(day)s.": ("Du återkallade det %(day)s.", "You withdrew it on %(day)s."),
    "Päättyy": ("Slutar", "Ends"),
    "Seuraava tarkistus viimeistään": ("Nästa granskning senast", "Next review at the latest"),
    "Sinulla ei ole nyt suunnitelmaa.": (
        "Du har ingen plan just nu.",
        "You have no plan right now.",
    ),
    "Sinulla ei ole suostumuksia.": ("Du har inga samtycken.", "You have no consents."),
    "Sinä itse": ("Du själv", "You yourself"),
    "Suostumukseni": ("Mina samtycken", "My consents"),
    "Suostumus tarkoittaa, että annat luvan näyttää tietojasi toiselle viranomaiselle. "
    "Voit perua luvan milloin tahansa. Peruminen tulee voimaan heti.": (
        "Samtycke betyder att du ger lov att visa dina uppgifter för en annan myndighet. "
        "Du kan återkalla det när som helst. Det gäller genast.",
        "A consent means that you allow your information to be shown to another "
        "authority. You can withdraw it at any time. It takes effect at once.",
    ),
    "Suunnitelma tulee voimaan, kun kolme osapuolta on allekirjoittanut sen: sinä, kunta "
    "ja työvoimaviranomainen.": (
        "Planen börjar gälla när tre parter har skrivit under den: du, kommunen och "
        "arbetskraftsmyndigheten.",
        "The plan comes into force when three parties have signed it: you, the "
        "municipality and the employment authority.",
    ),
    "Suunnitelmasi": ("Din plan", "Your plan"),
    "Suunnitelmasi odottaa allekirjoitustasi.": (
        "Din plan väntar på din underskrift.",
        "Your plan is waiting for your signature.",
    ),
    "Tavoitteesi ja työtoiminta": ("Ditt mål och din arbetsverksamhet", "Your goal and work"),
    "Tiedot ovat tässä": ("Uppgifterna finns hos", "The information is held by"),
    "Tietojasi ei ole luovutettu.": (
        "Dina uppgifter har inte lämnats ut.",
        "Your information has not been disclosed.",
    ),
    "Tietojen luovutukset": ("Utlämnade uppgifter", "Disclosures"),
    "Tila": ("Läge", "Status"),
    "Tunnistaudu": ("Identifiera dig", "Identify yourself"),
    "Tunnistaudu pankkitunnuksilla, mobiilivarmenteella tai varmennekortilla.": (
        "Identifiera dig med bankkoder, mobilcertifikat eller certifikatkort.",
        "Identify yourself with bank codes, a mobile certificate or a certificate card.",
    ),
    "Työtoiminnan ohjaaja": ("Handledare", "Your supervisor at work"),
    "Täällä näet oman suunnitelmasi, päiväsi ja päätöksesi.": (
        "Här ser du din plan, dina dagar och dina beslut.",
        "Here you can see your plan, your days and your decisions.",
    ),
    "Voimassa toistaiseksi.": ("Gäller tills vidare.", "Valid until further notice."),
    "Voit nyt sulkea selaimen.": (
        "Du kan nu stänga webbläsaren.",
        "You can now close the browser.",
    ),
    "versio": ("version", "version"),
    "Omat päiväni": ("Mina dagar", "My days"),
    "Päätökseni": ("Mina beslut", "My decisions"),
    "Olet ollut työtoiminnassa %(used)s päivää viimeisen 12 kuukauden aikana. Enintään voi "
    "olla %(limit)s päivää.": (
        "Du har varit i arbetsverksamheten %(used)s dagar under de senaste 12 månaderna. "
        "Högst %(limit)s dagar är möjligt.",
        "You have been at work activity on %(used)s days in the last 12 months. The most "
        "is %(limit)s days.",
    ),
    "Jos jatkat samalla tavalla, päivät täyttyvät %(day)s.": (
        "Om du fortsätter på samma sätt är dagarna fulla %(day)s.",
        "If you go on the same way, the days run out on %(day)s.",
    ),
    "Viimeiset kahdeksan viikkoa": ("De senaste åtta veckorna", "The last eight weeks"),
    "Sinulla ei ole nyt työtoimintaa.": (
        "Du har ingen arbetsverksamhet just nu.",
        "You have no work activity right now.",
    ),
    "Jos et ole tyytyväinen päätökseen, voit hakea siihen muutosta. Tee oikaisuvaatimus "
    "viimeistään %(day)s.": (
        "Om du inte är nöjd med beslutet kan du söka ändring. Begär omprövning senast %(day)s.",
        "If you are not happy with the decision, you can ask for it to be changed. Ask "
        "for a review by %(day)s at the latest.",
    ),
    "Ohjeet muutoksen hakemiseen ovat päätöksen lopussa.": (
        "Anvisningarna för att söka ändring finns i slutet av beslutet.",
        "How to ask for a change is explained at the end of the decision.",
    ),
    "Lataa päätös (PDF)": ("Ladda ner beslutet (PDF)", "Download the decision (PDF)"),
    "Sinulla ei ole päätöksiä.": ("Du har inga beslut.", "You have no decisions."),
    "Oma arvioni": ("Min bedömning", "My own assessment"),
    "Milloin": ("När", "When"),
    "Arvioi, miten sinulla menee. 0 on huonoin ja 10 on paras. Työntekijäsi näkee arviosi "
    "ja te puhutte siitä tapaamisessa.": (
        "Bedöm hur det går för dig. 0 är sämst och 10 är bäst. Din kontaktperson ser din "
        "bedömning och ni pratar om den på mötet.",
        "Say how things are going for you. 0 is the worst and 10 is the best. Your worker "
        "sees your answers and you talk about them at your meeting.",
    ),
    "Kirjaudu omaan asiointiin ja lue suunnitelmasi: %(url)s": (
        "Logga in till Mina ärenden och läs din plan: %(url)s",
        "Sign in to My services and read your plan: %(url)s",
    ),
    "aihe": ("ämne", "subject"),
    "kanava": ("kanal", "channel"),
    "lähetetty": ("skickat", "sent"),
    "viesti asiakkaalle": ("meddelande till klienten", "message to the client"),
    "viestit asiakkaille": ("meddelanden till klienterna", "messages to clients"),
    "Lataa PDF-tiedostona": ("Ladda ner som PDF", "Download as a PDF"),
    "Tallenna arvio": ("Spara bedömningen", "Save my answers"),
    "Kiitos! Työntekijäsi näkee arviosi.": (
        "Tack! Din kontaktperson ser din bedömning.",
        "Thank you! Your worker can see your answers.",
    ),
    "Täytä oma arviosi ennen tapaamista": (
        "Fyll i din egen bedömning före mötet",
        "Fill in your own assessment before the meeting",
    ),
}


def write() -> None:
    here = Path(__file__).resolve().parent
    for index, language in enumerate(("sv", "en")):
        catalog = Catalog(locale=language, project="kuty-oma", fuzzy=False)
        for message_id, translations in STRINGS.items():
            if translations[index]:
                catalog.add(message_id, translations[index])
        with (here / language / "LC_MESSAGES" / "django.po").open("wb") as po_file:
            write_po(po_file, catalog, width=0)


if __name__ == "__main__":
    write()

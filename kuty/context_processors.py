from django.http import HttpRequest


def roles(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": set()}
    return {"user_roles": user.roles}


def reminders(request: HttpRequest) -> dict:
    """The header's count of the user's open reminders: asked only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"reminder_count": 0}
    from followup.badge import open_count

    counted: list[int] = []

    def count() -> int:
        if not counted:
            counted.append(open_count(user))  # one statement (issue 30)
        return counted[0]

    return {"reminder_count": count}

"""Free text with a limit that fits its use, kept by the form, the model's validation,
the API and the database alike."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# Lengths in characters. A page of text is about 3 000.
NOTE = 2_000  # a day's work-diary note, names of participants, contacts
TEXT = 4_000  # a description, an answer on a form, a consent's content
RECORD = 10_000  # a meeting record, a plan's section, a decision's reasons


class LimitedTextField(models.TextField):
    """A TextField (a textarea in forms, with maxlength) whose length is checked by the
    form and the model's validation, and by a CHECK constraint on char_length that the
    field adds to its model's constraints (so migrations make and change it).

    A constraint rather than a varchar: the decisions' and the history's triggers refer
    to these columns, and PostgreSQL refuses to change the type of such a column."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))

    def contribute_to_class(self, cls, name, *args, **kwargs) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)
        if cls._meta.abstract:
            return
        constraint = models.CheckConstraint(
            condition=LessThanOrEqual(Length(name), self.max_length),
            name=f"{cls._meta.db_table}_{name}_length"[-63:],
        )
        cls._meta.constraints = [*cls._meta.constraints, constraint]
        cls._meta.original_attrs["constraints"] = cls._meta.constraints

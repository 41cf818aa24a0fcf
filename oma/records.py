"""Right.OWN for the kinds a client sees of themselves (issue 24). Granted here, so
the apps that declared the kinds need not name the client; the gate, the lists and the
logs then work for the client as for anyone."""

from core.access import Right
from core.records import catalogue

from .scope import own

# kind → the path from a record to its client (the kind's own client_path)
OWN_KINDS = (
    "case",
    "client",
    "consent",
    "activation_plan",
    "decision",
    "placement",
    "attendance",
    "capacity_assessment",
    "review",
    "access_log",
    "disclosure_log",
)

catalogue.grant(Right.OWN, {name: own(catalogue[name].client_path) for name in OWN_KINDS})

"""The Dutch screens of the requests register (Verzoeken betrokkenen): the register, finding a
person, the person page with informing status and the access export, the request page with
its actions, and the providing party's list of correction requests.

Thin: parse the form, call one service or selector, render. Errors appear next to the fields
(status 400) and nothing is saved. Anyone but the information coordinator and the privacy
officer gets 404 on the register, exactly like a missing page.
"""

from schakel.rights.views.party import task, tasks
from schakel.rights.views.register import (
    export_json,
    export_pdf_view,
    find,
    informing,
    person,
    register,
    request_add,
)
from schakel.rights.views.request import decide, extend, hold, note, request_detail, route

__all__ = [
    "decide",
    "export_json",
    "export_pdf_view",
    "extend",
    "find",
    "hold",
    "informing",
    "note",
    "person",
    "register",
    "request_add",
    "request_detail",
    "route",
    "task",
    "tasks",
]

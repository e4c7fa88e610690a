"""pydantic v2 support: a field type for schedules.

    >>> from pydantic import BaseModel
    >>> from lrspec.pydantic import ScheduleField
    >>> class Training(BaseModel):
    ...     lr: ScheduleField
    >>> Training(lr="Warmup(500)>>Cosine(0.1,0,10_000)").model_dump_json()
    '{"lr":"Warmup(500) >> Cosine(0.1, 0.0, 10000)"}'

The field validates from anything ``lrspec.load`` accepts (text, a dict form, a number),
puts lrspec's caret message into the ``ValidationError``, serializes to the canonical text and
describes itself in JSON schema as a string with examples. Needs ``pip install
'lrspec[pydantic]'``.
"""

from __future__ import annotations

from typing import Annotated, Any

from .formats.config import load
from .schedule.schedule import Schedule
from .syntax.errors import missing_dependency

try:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema
except ModuleNotFoundError as error:
    if error.name is None or error.name.split(".")[0] not in ("pydantic", "pydantic_core"):
        raise
    raise missing_dependency("lrspec.pydantic", "pydantic", "pydantic") from None

EXAMPLES = [
    "Warmup(500) >> Cosine(0.1, 0.0, 10000)",
    "MultiStepLR(0.1, [30, 80], 0.1)",
    "Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)",
]


class _ScheduleAnnotation:
    """The pydantic hooks behind :data:`ScheduleField`."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            load,  # an LrspecError is a ValueError: pydantic reports its message
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "title": "Learning-rate schedule",
            "description": "A learning-rate schedule in lrspec's notation, e.g. "
            "'Warmup(500) >> Cosine(0.1, 0.0, 10000)'.",
            "examples": EXAMPLES,
        }


#: A pydantic field type holding an :class:`lrspec.Schedule`.
ScheduleField = Annotated[Schedule, _ScheduleAnnotation]

"""Dataclasses that pickle as their fields' values, for what crosses between processes.

Every document goes to a worker process and comes back as a prepared record (~270 objects:
the article, its entities, mentions, quotes, search units), pickled by the worker and
unpickled by the writer under both engines. By default an instance of a slotted dataclass
pickles as a dict of its slots (each name written out again in every object), and a frozen
one through ``dataclasses``' own ``__getstate__``, which looks the fields up anew for every
object. Pickled as ``(class, values)`` instead, a prepared record takes 1.0-2.0 ms less CPU
to pickle and unpickle (2.1-2.9 against 3.0-4.1) and 8 % fewer bytes
(``bench/dask_gc.py --where pickling``, issue 13).
The objects after the trip are equal to those before.
"""
from __future__ import annotations

import dataclasses
import operator


def pickled_by_fields(cls: type) -> type:
    """Class decorator (above ``@dataclass``): pickle an instance as the class and its field
    values in order, rebuilt by calling the class. Refuses a class its ``__init__`` would not
    rebuild (a field outside ``__init__``, or a ``__post_init__`` that could change values)."""
    fields = dataclasses.fields(cls)
    if any(not field.init for field in fields) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: its __init__ does not take back every field")
    values = operator.attrgetter(*(field.name for field in fields))

    if len(fields) == 1:
        def __reduce__(self):
            return cls, (values(self),)
    else:
        def __reduce__(self):
            return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls

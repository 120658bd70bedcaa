"""Items to and from DynamoDB's attribute values, their size, and the words search reads.

Every attribute is stored as its natural DynamoDB type (S, N, BOOL, NULL, L, M), so an
item round-trips losslessly: floats travel as Decimal and come back as float, integers
come back as int. Issues also carry `search_words`, derived from `search_text` on write
and stripped on read (see docs/storage.md, DynamoDB).
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from taskdeck.ports import MAX_ITEM_BYTES, Item, ItemTooLarge

if TYPE_CHECKING:
    from types_boto3_dynamodb.type_defs import AttributeValueTypeDef

SEARCH_TEXT: Final = "search_text"
SEARCH_WORDS: Final = "search_words"
MAX_QUERY_WORDS: Final = 32

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def _to_store(value: Any) -> Any:
    """`value` with every float as a Decimal (DynamoDB numbers are decimal)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {name: _to_store(inner) for name, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_to_store(inner) for inner in value]
    return value


def _from_store(value: Any) -> Any:
    """`value` with every Decimal back as int (no fraction written) or float."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= 0:
            return int(value)
        return float(value)
    if isinstance(value, dict):
        return {name: _from_store(inner) for name, inner in value.items()}
    if isinstance(value, list):
        return [_from_store(inner) for inner in value]
    return value


def words(text: str) -> list[str]:
    """The words of `text` as SQLite's unicode61 tokenizer sees them: runs of letters and
    digits, in lower case, without diacritics."""
    decomposed = unicodedata.normalize("NFKD", text)
    # lower(), not casefold(): unicode61 folds case one character at a time (ß stays ß).
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    found: list[str] = []
    current: list[str] = []
    for character in folded:
        category = unicodedata.category(character)
        if category[0] in "LN" or category == "Co":
            current.append(character)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def search_words(text: str) -> str:
    """The stored form of a search text: each word preceded by a space."""
    return "".join(" " + word for word in words(text))


def query_phrases(text: str) -> list[str] | None:
    """What `search_words` must contain for `text` to match, or None if nothing can.

    Each whitespace-separated term is a phrase (its words adjacent, the last one a
    prefix), as SQLite's quoted prefix terms are; a term without any word matches
    nothing there, so it matches nothing here either.
    """
    printable = "".join(c if c.isprintable() else " " for c in text)
    terms = printable.split()[:MAX_QUERY_WORDS]
    if not terms:
        return None
    phrases = [search_words(term) for term in terms]
    return None if "" in phrases else phrases


def to_attributes(item: Item) -> dict[str, AttributeValueTypeDef]:
    """The DynamoDB attribute map of an item, with its derived search words."""
    stored = _to_store(item)
    text = item.get(SEARCH_TEXT)
    if isinstance(text, str):
        stored[SEARCH_WORDS] = search_words(text)
    return {name: _serializer.serialize(value) for name, value in stored.items()}


def from_attributes(attributes: dict[str, Any]) -> Item:
    """The item a DynamoDB attribute map holds, without derived attributes."""
    return {
        name: _from_store(_deserializer.deserialize(value))
        for name, value in attributes.items()
        if name != SEARCH_WORDS
    }


def attribute_values(values: dict[str, Any]) -> dict[str, AttributeValueTypeDef]:
    """Expression placeholder values in DynamoDB's form."""
    return {name: _serializer.serialize(_to_store(value)) for name, value in values.items()}


def _value_size(value: Any) -> int:
    """Roughly what DynamoDB counts for one value (its item size rules)."""
    if isinstance(value, str):
        return len(value.encode())
    if isinstance(value, bool) or value is None:
        return 1
    if isinstance(value, int | float | Decimal):
        return len(str(value)) // 2 + 2
    if isinstance(value, dict):
        return 3 + sum(len(k.encode()) + 1 + _value_size(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return 3 + sum(1 + _value_size(inner) for inner in value)
    return len(str(value).encode())


def item_size(item: Item) -> int:
    """The approximate size DynamoDB gives an item, derived attributes included."""
    size = sum(len(name.encode()) + _value_size(value) for name, value in item.items())
    text = item.get(SEARCH_TEXT)
    if isinstance(text, str):
        size += len(SEARCH_WORDS) + len(search_words(text).encode())
    return size


def check_size(item: Item) -> None:
    """Raise `ItemTooLarge` if DynamoDB would refuse the item."""
    size = item_size(item)
    if size > MAX_ITEM_BYTES:
        raise ItemTooLarge(f"item {item.get('pk')}/{item.get('sk')} is about {size} bytes")


def index_entry(item: Item, index: str) -> Item:
    """An item as a keys-only projection of `index` shows it (`Adjacent`): its key and,
    when it is in the index, the index's key attributes."""
    names = ("pk", "sk", f"{index}pk", f"{index}sk")
    return {name: item[name] for name in names if name in item}

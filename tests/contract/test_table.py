"""The contract of the `Table` port: what every storage adapter must do alike."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from taskdeck.ports import (
    MUST_EXIST,
    MUST_NOT_EXIST,
    Adjacent,
    Check,
    Condition,
    Delete,
    InvalidCursor,
    ItemTooLarge,
    KeyCondition,
    Put,
    Table,
    TransactionConflict,
    Update,
)

pytestmark = pytest.mark.anyio


def item(pk: str, sk: str, **attributes: object) -> dict[str, object]:
    """An item with a key and attributes."""
    return {"pk": pk, "sk": sk, **attributes}


async def fill(table: Table, count: int, pk: str = "P") -> None:
    """`count` items S00..S(count-1) in partition `pk`, each also in gsi1."""
    for start in range(0, count, 50):
        await table.transact(
            [
                Put(item(pk, f"S{n:02d}", n=n, gsi1pk=f"G#{n % 2}", gsi1sk=f"{n:02d}"))
                for n in range(start, min(count, start + 50))
            ]
        )


def flat(pages: list[list[object]]) -> list[object]:
    """The pages' items in one list."""
    return list(itertools.chain.from_iterable(pages))


async def all_pages(table: Table, pk: str, **query: object) -> list[list[object]]:
    """The sort keys of every page of a query, page by page."""
    pages, cursor = [], None
    while True:
        page = await table.query(pk, cursor=cursor, **query)  # type: ignore[arg-type]
        pages.append([i["sk"] for i in page.items])
        cursor = page.cursor
        if cursor is None:
            return pages


async def test_put_then_get_returns_the_item(table: Table) -> None:
    await table.transact([Put(item("P", "A", title="hello", tags=["x"], n=1.5))])
    assert await table.get("P", "A") == item("P", "A", title="hello", tags=["x"], n=1.5)
    assert await table.get("P", "B") is None


async def test_conditions_decide_and_a_failed_one_writes_nothing(table: Table) -> None:
    await table.transact([Put(item("P", "A", version=1))])
    with pytest.raises(TransactionConflict) as raised:
        await table.transact([Put(item("P", "B")), Put(item("P", "A", version=9), MUST_NOT_EXIST)])
    assert raised.value.reasons[0] is None
    assert raised.value.failed(1)
    assert await table.get("P", "B") is None
    assert (await table.get("P", "A")) == item("P", "A", version=1)
    stale = Condition(equals={"version": 0})
    with pytest.raises(TransactionConflict):
        await table.transact([Put(item("P", "A", version=2), stale)])
    await table.transact([Put(item("P", "A", version=2), Condition(equals={"version": 1}))])
    assert (await table.get("P", "A")) == item("P", "A", version=2)


async def test_update_sets_adds_removes_and_needs_the_item(table: Table) -> None:
    await table.transact([Put(item("P", "A", n=1, gone="x", keep=True))])
    await table.transact([Update("P", "A", set={"t": "y"}, add={"n": 2, "m": 1}, remove=["gone"])])
    assert await table.get("P", "A") == item("P", "A", n=3, m=1, keep=True, t="y")
    with pytest.raises(TransactionConflict):
        await table.transact([Update("P", "missing", set={"t": 1})])
    assert await table.get("P", "missing") is None


async def test_an_update_that_may_create_adds_from_nothing(table: Table) -> None:
    upsert = Update("P", "day", add={"n": 2, "m": -1}, create=True)
    await table.transact([upsert])
    assert await table.get("P", "day") == {"pk": "P", "sk": "day", "n": 2, "m": -1}
    await table.transact([upsert, Put(item("P", "other"))])
    assert await table.get("P", "day") == {"pk": "P", "sk": "day", "n": 4, "m": -2}
    failing = Update("P", "day", add={"n": 1}, create=True, condition=Condition(exists=False))
    with pytest.raises(TransactionConflict):
        await table.transact([failing])
    assert await table.get("P", "day") == {"pk": "P", "sk": "day", "n": 4, "m": -2}


async def test_delete_and_check(table: Table) -> None:
    await table.transact([Put(item("P", "A")), Put(item("P", "B"))])
    await table.transact([Delete("P", "A"), Check("P", "B", MUST_EXIST)])
    assert await table.get("P", "A") is None
    with pytest.raises(TransactionConflict) as raised:
        await table.transact([Delete("P", "B"), Check("P", "A", MUST_EXIST)])
    assert raised.value.failed(1)
    assert await table.get("P", "B") is not None
    with pytest.raises(TransactionConflict):
        await table.transact([Delete("P", "A", MUST_EXIST)])


async def test_invalid_transactions_are_refused_before_writing(table: Table) -> None:
    with pytest.raises(ValueError, match="twice"):
        await table.transact([Put(item("P", "A")), Delete("P", "A")])
    with pytest.raises(ValueError, match="at most"):
        await table.transact([Put(item("P", str(n))) for n in range(101)])
    with pytest.raises(ItemTooLarge):
        await table.transact([Put(item("P", "A", blob="x" * 410_000))])
    assert await table.get("P", "A") is None


async def test_batch_get_returns_what_exists(table: Table) -> None:
    await fill(table, 5)
    found = await table.batch_get([("P", "S01"), ("P", "S03"), ("P", "nope"), ("Q", "S01")])
    assert sorted(i["sk"] for i in found) == ["S01", "S03"]
    assert await table.batch_get([]) == []


def entry(number: int) -> dict[str, object]:
    """Item S<number>'s gsi1 entry: its key and its index keys, no other attribute."""
    return item("P", f"S{number:02d}", gsi1pk=f"G#{number % 2}", gsi1sk=f"{number:02d}")


def by_key(items: list[dict[str, object]]) -> list[dict[str, object]]:
    """The items in key order (a batch comes in no particular order)."""
    return sorted(items, key=lambda i: (str(i["pk"]), str(i["sk"])))


async def test_batch_get_reads_the_places_of_an_item_and_its_neighbours_in_an_index(
    table: Table,
) -> None:
    # gsi1 lists S00, S02, S04, ... in G#0 and S01, S03, ... in G#1, by number.
    await fill(table, 12)
    await table.transact([Put(item("P", "X", gsi1pk="G#1", gsi1sk="05"))])  # ties S05

    def below(number: int, limit: int = 2) -> Adjacent:
        return Adjacent(key=("P", f"S{number:02d}"), gsi="gsi1", below=True, limit=limit)

    # The anchor's entry and its neighbours', nearest first up to the limit: keys only.
    found = await table.batch_get([("P", "nope")], adjacent=below(6))
    assert by_key(found) == [entry(2), entry(4), entry(6)]
    # An item asked for comes whole, also when it is the anchor or adjacent, and once.
    whole = [await table.get("P", f"S{n:02d}") for n in (4, 6)]
    found = await table.batch_get([("P", "S04"), ("P", "S06")], adjacent=below(6, limit=1))
    assert by_key(found) == whole
    found = await table.batch_get([("P", "S04")], adjacent=below(6))
    assert by_key(found) == [entry(2), whole[0], entry(6)]
    above = Adjacent(key=("P", "S07"), gsi="gsi1", below=False, limit=3)
    assert by_key(await table.batch_get([], adjacent=above)) == [entry(7), entry(9), entry(11)]
    # The skipped item is not counted: the next one comes in its place.
    skipping = Adjacent(key=("P", "S06"), gsi="gsi1", below=True, limit=1, skip=("P", "S04"))
    assert by_key(await table.batch_get([], adjacent=skipping)) == [entry(2), entry(6)]
    skipping = Adjacent(key=("P", "S06"), gsi="gsi1", below=True, limit=2, skip=("P", "S02"))
    found = await table.batch_get([], adjacent=skipping)
    assert by_key(found) == [entry(0), entry(4), entry(6)]
    # Strictly below the anchor's sort key: an item tying with it is not adjacent.
    found = await table.batch_get([], adjacent=below(5, limit=5))
    assert by_key(found) == [entry(1), entry(3), entry(5)]
    # At the end of the index partition, the anchor's entry alone.
    assert await table.batch_get([], adjacent=below(0)) == [entry(0)]
    # An anchor not in the index: its key alone; a missing one: nothing.
    await table.transact([Put(item("P", "plain", n=99))])
    asked = [await table.get("P", "S01")]
    beside = Adjacent(key=("P", "plain"), gsi="gsi1", below=True)
    assert by_key(await table.batch_get([("P", "S01")], adjacent=beside)) == [
        item("P", "S01", **{k: v for k, v in asked[0].items() if k not in ("pk", "sk")}),
        item("P", "plain"),
    ]
    gone = Adjacent(key=("P", "gone"), gsi="gsi1", below=True)
    assert await table.batch_get([("P", "S01")], adjacent=gone) == asked
    with pytest.raises(ValueError, match="unknown index"):
        await table.batch_get([], adjacent=Adjacent(key=("P", "S01"), gsi="gsi9", below=True))


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (None, [f"S{n:02d}" for n in range(12)]),
        (KeyCondition("eq", "S03"), ["S03"]),
        (KeyCondition.begins_with("S1"), ["S10", "S11"]),
        (KeyCondition.between("S02", "S04"), ["S02", "S03", "S04"]),
        (KeyCondition("lt", "S02"), ["S00", "S01"]),
        (KeyCondition("lte", "S01"), ["S00", "S01"]),
        (KeyCondition("gt", "S09"), ["S10", "S11"]),
        (KeyCondition("gte", "S10"), ["S10", "S11"]),
    ],
)
async def test_query_sort_key_conditions(
    table: Table, condition: KeyCondition | None, expected: list[str]
) -> None:
    await fill(table, 12)
    await table.transact([Put(item("Other", "S05"))])
    page = await table.query("P", sk=condition, limit=100)
    assert [i["sk"] for i in page.items] == expected
    assert page.cursor is None


async def test_pages_cover_everything_once_in_both_directions(table: Table) -> None:
    await fill(table, 23)
    forward = await all_pages(table, "P", limit=5)
    assert [len(p) for p in forward] == [5, 5, 5, 5, 3]
    assert flat(forward) == [f"S{n:02d}" for n in range(23)]
    backward = await all_pages(table, "P", limit=10, forward=False)
    assert flat(backward) == [f"S{n:02d}" for n in reversed(range(23))]


async def test_indexes_are_sparse_and_ordered(table: Table) -> None:
    await fill(table, 10)
    await table.transact([Put(item("P", "no-index", n=99))])
    odd = await all_pages(table, "G#1", index="gsi1", limit=2)
    assert flat(odd) == ["S01", "S03", "S05", "S07", "S09"]
    ranged = await table.query("G#0", index="gsi1", sk=KeyCondition.between("02", "06"))
    assert [i["n"] for i in ranged.items] == [2, 4, 6]
    assert (await table.query("anything", index="gsi2")).items == []


async def test_index_entries_follow_updates_and_deletes(table: Table) -> None:
    await table.transact([Put(item("P", "A", gsi3pk="open", gsi3sk="1"))])
    await table.transact([Update("P", "A", set={"gsi3pk": "closed"})])
    assert (await table.query("open", index="gsi3")).items == []
    assert len((await table.query("closed", index="gsi3")).items) == 1
    await table.transact([Update("P", "A", remove=["gsi3pk", "gsi3sk"])])
    assert (await table.query("closed", index="gsi3")).items == []


async def test_index_ties_page_without_loss(table: Table) -> None:
    await table.transact([Put(item("P", f"S{n}", gsi2pk="same", gsi2sk="rank")) for n in range(7)])
    pages = await all_pages(table, "same", index="gsi2", limit=3)
    assert sorted(flat(pages)) == [f"S{n}" for n in range(7)]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda c: c[:-2] + ("A" if c[-2] != "A" else "B") + c[-1],
        lambda c: "garbage!",
        lambda c: "",
        lambda c: c + c,
    ],
)
async def test_tampered_cursors_are_refused(table: Table, mangle: Callable[[str], str]) -> None:
    await fill(table, 6)
    page = await table.query("P", limit=2)
    assert page.cursor is not None
    with pytest.raises(InvalidCursor):
        await table.query("P", limit=2, cursor=mangle(page.cursor))


async def test_a_cursor_of_another_query_is_refused(table: Table) -> None:
    await fill(table, 6)
    await fill(table, 6, pk="Q")
    page = await table.query("P", limit=2)
    assert page.cursor is not None
    with pytest.raises(InvalidCursor):
        await table.query("Q", limit=2, cursor=page.cursor)
    with pytest.raises(InvalidCursor):
        await table.query("P", limit=2, cursor=page.cursor, forward=False)
    with pytest.raises(InvalidCursor):
        await table.query("G#0", index="gsi1", limit=2, cursor=page.cursor)


async def test_search_matches_every_word_within_a_scope(table: Table) -> None:
    await table.transact(
        [
            Put(item("A", "1", search_text="WEB-1 Login page broken")),
            Put(item("A", "2", search_text="WEB-2 Signup page")),
            Put(item("B", "3", search_text="WEB-3 Login page")),
            Put(item("A", "4", search_text='quotes "and" AND OR NEAR(')),
            Put(item("A", "5", search_text="Café crème")),
        ]
    )
    assert [i["sk"] for i in (await table.search("A", "page")).items] == ["1", "2"]
    assert [i["sk"] for i in (await table.search("A", "LOG pag")).items] == ["1"]
    assert [i["sk"] for i in (await table.search("A", "web-2")).items] == ["2"]
    assert [i["sk"] for i in (await table.search("A", 'NEAR( "and')).items] == ["4"]
    assert [i["sk"] for i in (await table.search("A", "CAFE creme")).items] == ["5"]
    assert (await table.search("A", "age")).items == []
    assert (await table.search("A", "   ")).items == []
    await table.transact([Update("A", "1", set={"search_text": "WEB-1 fixed"})])
    assert [i["sk"] for i in (await table.search("A", "page")).items] == ["2"]
    await table.transact([Delete("A", "2")])
    assert (await table.search("A", "page")).items == []


async def test_search_pages(table: Table) -> None:
    await table.transact([Put(item("A", f"{n:02d}", search_text=f"bug {n}")) for n in range(9)])
    cursor, seen = None, []
    while True:
        page = await table.search("A", "bug", limit=4, cursor=cursor)
        seen += [i["sk"] for i in page.items]
        cursor = page.cursor
        if cursor is None:
            break
    assert seen == [f"{n:02d}" for n in range(9)]
    with pytest.raises(InvalidCursor):
        await table.search(
            "A", "other words", limit=4, cursor=(await table.search("A", "bug", limit=4)).cursor
        )


async def test_concurrent_conditional_increments_never_lose_one(table: Table) -> None:
    await table.transact([Put(item("P", "counter", n=0))])

    async def increment() -> None:
        while True:
            current = await table.get("P", "counter")
            assert current is not None
            try:
                await table.transact(
                    [
                        Update(
                            "P",
                            "counter",
                            add={"n": 1},
                            condition=Condition(equals={"n": current["n"]}),
                        )
                    ]
                )
                return
            except TransactionConflict:
                continue

    await asyncio.gather(*(increment() for _ in range(30)))
    assert (await table.get("P", "counter")) == item("P", "counter", n=30)


async def test_acknowledged_writes_survive_reopening(
    table_factory: Callable[[Path], Table], tmp_path: Path
) -> None:
    first = table_factory(tmp_path)
    await asyncio.gather(*(first.transact([Put(item("P", f"{n:03d}"))]) for n in range(200)))
    first.close()
    second = table_factory(tmp_path)
    try:
        assert len((await second.query("P", limit=500)).items) == 200
    finally:
        second.close()


async def test_ping_answers_when_healthy(table: Table) -> None:
    await table.ping()


@pytest.mark.parametrize("query", ["\x00", "*", '"', "NEAR(", "a:b", "^", "(", "🙂", "-"])
async def test_search_takes_any_text_as_words(table: Table, query: str) -> None:
    await table.transact([Put(item("A", "1", search_text="plain words"))])
    assert (await table.search("A", query)).items == []

"""``@written_once`` (server/database.py): a query's SQL written once per database kind and
shape of arguments, then run with new values, giving the rows the built query gives."""

from server import articles as article_routes
from server import auth, profiles
from server.database import written_once
from server.models import Tag

PAGE_QUERIES = [article_routes.count_matching, article_routes.page_matching,
                article_routes.tags_of, article_routes.favorites_of,
                article_routes.favorited_by, profiles.follows_among, auth.user_with_id]


def kept_for(query, database):
    """The argument shapes whose SQL ``query`` keeps for the kind of ``database``."""
    return {key[1:] for key in query.written if key[0] is type(database)}


def test_the_queries_of_a_page_are_written_once(app, client, users, articles):
    alice, bob = users.register("alice"), users.register("bob")
    client.post(f"/api/profiles/{bob['username']}/follow", headers=alice["headers"])
    for n in range(3):
        slug = articles.create(bob, title=f"Kept {n}", tagList=["kept"])["slug"]
        client.post(f"/api/articles/{slug}/favorite", headers=alice["headers"])
    for headers in ({}, alice["headers"]):
        client.get("/api/articles", headers=headers)
    client.get("/api/articles/feed", headers=alice["headers"])
    database = app.config["conduit.database"]
    kept = {query.__name__: kept_for(query, database) for query in PAGE_QUERIES}
    assert all(kept.values()), (
        "every query of a page must keep its SQL on this backend (a query whose parameters "
        f"differ from its arguments is never kept): {kept}")
    first = client.get("/api/articles?limit=2", headers=alice["headers"]).body
    sizes = {name: len(query.written) for name, query in zip(kept, PAGE_QUERIES)}
    again = client.get("/api/articles?limit=2", headers=alice["headers"]).body
    assert again == first, "the SQL kept gives the same answer"
    assert {name: len(query.written) for name, query in zip(kept, PAGE_QUERIES)} == sizes, \
        "a request of a shape seen before writes no SQL again"


def test_kept_sql_gives_the_rows_of_the_query_as_built(app, in_database):
    @written_once
    def tags_named(names):
        return Tag.select(Tag.name).where(Tag.name.in_(names)).order_by(Tag.name).tuples()

    with in_database() as database:
        Tag.insert_many([("alpha",), ("beta",), ("gamma",)], fields=[Tag.name]).execute()
        assert list(tags_named(["beta", "alpha"])) == [("alpha",), ("beta",)]
        assert list(tags_named(["gamma", "zeta"])) == [("gamma",)], \
            "the second call of the same shape runs the kept SQL with its own values"
        assert list(tags_named(["gamma"])) == [("gamma",)]
        assert kept_for(tags_named, database) == {(2,), (1,)}, "one SQL per list length"


def test_a_query_that_changes_its_arguments_is_not_kept(app, in_database):
    @written_once
    def tag_named(name):
        return Tag.select(Tag.name).where(Tag.name == name.lower()).tuples()

    @written_once
    def first_tags(name):
        return Tag.select(Tag.name).where(Tag.name >= name).order_by(Tag.name).limit(1).tuples()

    with in_database() as database:
        Tag.insert_many([("alpha",), ("beta",)], fields=[Tag.name]).execute()
        assert list(tag_named("BETA")) == [("beta",)]
        assert kept_for(tag_named, database) == set(), (
            "a query sending 'beta' for the argument 'BETA' is run as built, its SQL not "
            "kept: kept, it would send the next name unchanged")
        assert list(first_tags("b")) == [("beta",)]
        assert kept_for(first_tags, database) == set(), \
            "a query with a value of its own (LIMIT 1) is run as built, its SQL not kept"

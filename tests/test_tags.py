"""Tags: every tag in use, the most used first, then by name."""


def tags(client):
    return client.get("/api/tags").json["tags"]


def test_no_articles_no_tags(client):
    assert client.get("/api/tags").json == {"tags": []}, "tags is an empty list at first"


def test_most_used_first_then_by_name(client, users, articles):
    alice, bob = users.register("alice"), users.register("bob")
    for author, tag_list in [(alice, ["python", "sql", "zeta"]), (bob, ["python", "rest"]),
                             (alice, ["python", "sql", "rest", "alpha"])]:
        articles.create(author, tagList=tag_list)
    assert tags(client) == ["python", "rest", "sql", "alpha", "zeta"], \
        "python (3 uses), then rest and sql (2, by name), then alpha and zeta (1, by name)"


def test_a_tag_goes_when_its_only_article_is_deleted(client, users, articles):
    alice = users.register("alice")
    articles.create(alice, tagList=["shared"])
    doomed = articles.create(alice, tagList=["shared", "lonely"])
    assert tags(client) == ["shared", "lonely"], "both tags are in use at first"
    client.delete(f"/api/articles/{doomed['slug']}", headers=alice["headers"])
    assert tags(client) == ["shared"], "a tag no article uses is no longer listed"


def test_a_tag_goes_when_its_only_article_drops_it(client, users, articles):
    alice = users.register("alice")
    article = articles.create(alice, tagList=["old"])
    client.put_json(f"/api/articles/{article['slug']}", {"article": {"tagList": ["new"]}},
                    headers=alice["headers"])
    assert tags(client) == ["new"], "tags follow an article's edited tagList"

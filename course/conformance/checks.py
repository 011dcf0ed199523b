"""The checks: does a server implement the RealWorld Conduit API as its spec says?

The spec is ``shared/specs/realworld-openapi.yml``. The checks speak only HTTP, so they can
grade any server. Where the spec is explicit (a status code, a key, a type) they hold the server
to it exactly. Where it is silent they accept any sensible choice: a changed or an unchanged slug
after a title edit, ``null`` or a string for an unset ``bio``, tags in any order, "a 4xx" for
refusing someone else's article. The reference server's own choices in those places are checks
of their own, marked ``reference=True`` (see ``server/README.md``).

Every check makes its own users, articles and tags with random names (``unique(...)``), so the
whole list can run again and again against the same database, and no answer can be tuned to
fixed data.
"""

import base64
import hashlib
import hmac
import json
import secrets

from .client import PASSWORD, auth, unique
from .registry import CHECKS, check, select  # noqa: F401  (CHECKS is full once this module runs)
from .shapes import (check_article, check_article_list, check_comment, check_date_time,
                     check_errors, check_profile, check_user, expect, expect_4xx)


def slugs(page):
    return [article["slug"] for article in page["articles"]]


def list_articles(conduit, token=None, **params):
    """``GET /articles`` with query parameters; answers the checked MultipleArticlesResponse."""
    r = conduit.get("/articles", params=params, token=token)
    return check_article_list(expect(r, 200, f"GET /articles?{params}"), f"GET /articles {params}")


def get_article(conduit, slug, token=None):
    data = expect(conduit.get(f"/articles/{slug}", token=token), 200, "GET /articles/{slug}")
    check_article(data.get("article"), "GET /articles/{slug}: article")
    return data["article"]


def get_feed(conduit, token, **params):
    what = "GET /articles/feed" + (f"?{params}" if params else "")
    return check_article_list(expect(conduit.get("/articles/feed", token=token, params=params),
                                     200, what), what)


def comment_ids(conduit, slug, token=None):
    data = expect(conduit.get(f"/articles/{slug}/comments", token=token), 200,
                  "GET /articles/{slug}/comments")
    assert type(data.get("comments")) is list, "GET comments must answer {\"comments\": [...]}"
    for i, comment in enumerate(data["comments"]):
        check_comment(comment, f"GET comments: comments[{i}]")
    return [comment["id"] for comment in data["comments"]]


def forged_token(username, email):
    """A well-formed JWT naming this user, but signed with a key the server cannot know."""
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    unsigned = part({"alg": "HS256", "typ": "JWT"}) + "." + part(
        {"sub": "1", "id": 1, "username": username, "email": email, "exp": 4102444800})
    signature = hmac.new(secrets.token_bytes(32), unsigned.encode(), hashlib.sha256).digest()
    return unsigned + "." + base64.urlsafe_b64encode(signature).rstrip(b"=").decode()


def new_user_fields():
    name = unique("invalid")
    return {"username": name, "email": f"{name}@example.com", "password": PASSWORD}


def scene(conduit):
    """An author with one article and one comment, for requests that need real targets; made
    once per client and shared by the checks that only try to change it and must fail."""
    if "scene" not in conduit.cache:
        author = conduit.register("scene")
        slug = conduit.create_article(author["token"])["slug"]
        comment = conduit.comment(author["token"], slug)
        conduit.cache["scene"] = {"author": author, "username": author["username"],
                                  "slug": slug, "id": comment["id"]}
    return conduit.cache["scene"]


def bystander(conduit):
    """A user made once per client for the checks that only need someone logged in: they
    never give it articles, follows or a new password, so each check still sees it fresh.
    (Registering costs the server a password hash, the slowest part of a run.)"""
    if "bystander" not in conduit.cache:
        conduit.cache["bystander"] = conduit.register("bystander")
    return conduit.cache["bystander"]


def run_titles(conduit):
    """Two article titles for this run: random, and used by more than one article on purpose."""
    if "titles" not in conduit.cache:
        conduit.cache["titles"] = (unique("The same title"), unique("The same new title"))
    return conduit.cache["titles"]


# --- Registration, login and the current user ------------------------------------------------


@check("users", 2, "POST /users registers a user and answers 201 with the user and a token")
def register_answers_201_with_the_new_user(conduit):
    username = unique("reg")
    email = f"{username}@example.com"
    r = conduit.post("/users", json={"user": {"username": username, "email": email,
                                              "password": PASSWORD}})
    data = expect(r, 201, "POST /users")
    check_user(data.get("user"), "POST /users: user")
    assert data["user"]["username"] == username, "POST /users must answer the new username"
    assert data["user"]["email"] == email, "POST /users must answer the new email"


@check("users", 1, "the token from registration works as 'Authorization: Token <jwt>'")
def the_token_from_registration_works(conduit):
    user = bystander(conduit)
    data = expect(conduit.get("/user", headers=auth(user["token"])), 200, "GET /user")
    check_user(data.get("user"), "GET /user: user")
    assert data["user"]["username"] == user["username"], "GET /user must answer the token's user"


@check("users", 1, "POST /users/login answers 200 with the user and a token that works")
def login_answers_200_with_the_user_and_a_working_token(conduit):
    user = conduit.register("login")
    data = expect(conduit.login(user["email"], PASSWORD), 200, "POST /users/login")
    check_user(data.get("user"), "POST /users/login: user")
    assert data["user"]["username"] == user["username"], "login must answer the user who logged in"
    assert data["user"]["email"] == user["email"], "login must answer the user's email"
    me = expect(conduit.get("/user", token=data["user"]["token"]), 200, "GET /user")
    assert me["user"]["username"] == user["username"], "the login token must name its user"


@check("users", 1, "a login with a wrong {wrong} is refused (401 or 422) and gives no token",
       cases=[{"wrong": "password"}, {"wrong": "email"}])
def login_with_wrong_credentials_is_refused(conduit, wrong):
    user = conduit.register("badlogin")
    email = user["email"] if wrong == "password" else f"nobody_{unique('x')}@example.com"
    password = "not-the-password" if wrong == "password" else PASSWORD
    r = conduit.login(email, password)
    assert r.status_code in (401, 422), \
        f"a login with a wrong {wrong} must answer 401 or 422 (the spec's codes for " \
        f"POST /users/login), got {r.status_code}: {r.text}"
    assert '"token"' not in r.text, "a refused login must not hand out a token"


@check("users", 1, "GET /user answers the user the token belongs to")
def current_user_answers_the_token_owner(conduit):
    user = bystander(conduit)
    data = expect(conduit.get("/user", token=user["token"]), 200, "GET /user")
    check_user(data.get("user"), "GET /user: user")
    assert (data["user"]["username"], data["user"]["email"]) == (user["username"], user["email"])


@check("users", 1, "PUT /user saves a new bio and image, shown by GET /user and the profile")
def update_bio_and_image(conduit):
    user = conduit.register("bio")
    changes = {"bio": "I write tests.", "image": "https://example.com/me.png"}
    data = expect(conduit.put("/user", token=user["token"], json={"user": changes}), 200,
                  "PUT /user")
    check_user(data.get("user"), "PUT /user: user")
    assert (data["user"]["bio"], data["user"]["image"]) == (changes["bio"], changes["image"]), \
        "PUT /user must answer the updated bio and image"
    assert data["user"]["username"] == user["username"], "fields not sent must stay as they were"
    again = expect(conduit.get("/user", token=user["token"]), 200, "GET /user")["user"]
    assert (again["bio"], again["image"]) == (changes["bio"], changes["image"]), \
        "GET /user must show the bio and image that PUT /user saved"
    profile = expect(conduit.get(f"/profiles/{user['username']}"), 200, "GET /profiles/{username}")
    assert profile["profile"]["bio"] == changes["bio"], "the profile must show the new bio"


@check("users", 1, "PUT /user changes the username and email, and the user stays logged in")
def update_username_and_email_keeps_the_user_logged_in(conduit):
    user = conduit.register("rename")
    new_name = unique("renamed")
    changes = {"username": new_name, "email": f"{new_name}@example.com"}
    data = expect(conduit.put("/user", token=user["token"], json={"user": changes}), 200,
                  "PUT /user")
    check_user(data.get("user"), "PUT /user: user")
    assert (data["user"]["username"], data["user"]["email"]) == (new_name, changes["email"]), \
        "PUT /user must answer the new username and email"
    # A client keeps using the token in the answer; it must still work and name the renamed user.
    me = expect(conduit.get("/user", token=data["user"]["token"]), 200, "GET /user after rename")
    assert (me["user"]["username"], me["user"]["email"]) == (new_name, changes["email"]), \
        "after a rename the token must still work and name the same, renamed user"
    expect(conduit.login(changes["email"], PASSWORD), 200, "POST /users/login with the new email")
    expect(conduit.get(f"/profiles/{new_name}"), 200, "GET /profiles/{new username}")


@check("users", 1, "after PUT /user with a new password, login takes the new one, not the old")
def password_change_takes_effect_at_login(conduit):
    user = conduit.register("pw")
    new_password = "a-brand-new-password"
    expect(conduit.put("/user", token=user["token"], json={"user": {"password": new_password}}),
           200, "PUT /user with a new password")
    expect(conduit.login(user["email"], new_password), 200, "POST /users/login, new password")
    old = conduit.login(user["email"], PASSWORD)
    assert old.status_code in (401, 422), \
        f"after a password change the old password must be refused (401 or 422), " \
        f"got {old.status_code}: {old.text}"


@check("users", 1, "PUT /user with no fields is a 422 (the spec: at least one field)")
def update_with_no_fields_is_422(conduit):
    user = bystander(conduit)
    r = conduit.put("/user", token=user["token"], json={"user": {}})
    check_errors(r, "PUT /user with no fields (the spec: at least one field is required)")


@check("users", 1, "the token a user had still works after the username and email change",
       reference=True)
def reference_the_old_token_survives_a_username_and_email_change(conduit):
    user = conduit.register("rrename")
    new_name = unique("rrenamed")
    changes = {"username": new_name, "email": f"{new_name}@example.com"}
    expect(conduit.put("/user", token=user["token"], json={"user": changes}), 200, "PUT /user")
    me = expect(conduit.get("/user", token=user["token"]), 200, "GET /user with the old token")
    assert me["user"]["username"] == new_name, "the old token names the renamed user"


# --- Profiles and following ------------------------------------------------------------------


@check("profiles", 4, "GET /profiles/{username} answers the profile, following false, "
                      "to anyone")
def profile_anonymously(conduit):
    user = bystander(conduit)
    data = expect(conduit.get(f"/profiles/{user['username']}"), 200, "GET /profiles/{username}")
    check_profile(data.get("profile"), "GET /profiles/{username}: profile")
    assert data["profile"]["username"] == user["username"], "the profile asked for"
    assert data["profile"]["following"] is False, "an anonymous viewer follows nobody"


@check("profiles", 6, "follow and unfollow answer the profile; following is true for the "
                      "follower only, and false again after unfollowing")
def follow_and_unfollow(conduit):
    star, fan, other = conduit.register("star"), conduit.register("fan"), conduit.register("other")
    path = f"/profiles/{star['username']}"

    data = expect(conduit.post(f"{path}/follow", token=fan["token"]), 200, "POST .../follow")
    check_profile(data.get("profile"), "POST /profiles/{username}/follow: profile")
    assert data["profile"]["username"] == star["username"], "follow answers the followed profile"
    assert data["profile"]["following"] is True, "after following, following must be true"

    seen_by_fan = expect(conduit.get(path, token=fan["token"]), 200, "GET profile as follower")
    assert seen_by_fan["profile"]["following"] is True, "the follower must see following: true"
    seen_by_other = expect(conduit.get(path, token=other["token"]), 200, "GET profile as other")
    assert seen_by_other["profile"]["following"] is False, \
        "following is computed for the viewer: someone else must see false"
    anonymous = expect(conduit.get(path), 200, "GET profile anonymously")
    assert anonymous["profile"]["following"] is False, "an anonymous viewer must see false"

    data = expect(conduit.delete(f"{path}/follow", token=fan["token"]), 200, "DELETE .../follow")
    check_profile(data.get("profile"), "DELETE /profiles/{username}/follow: profile")
    assert data["profile"]["following"] is False, "after unfollowing, following must be false"
    again = expect(conduit.get(path, token=fan["token"]), 200, "GET profile after unfollow")
    assert again["profile"]["following"] is False, "unfollowing must last"


# --- Articles --------------------------------------------------------------------------------


@check("articles", 2, "POST /articles answers 201 with the article as sent, by its author, "
                      "not favorited")
def create_article_answers_201_with_the_article(conduit):
    author = conduit.register("author")
    tags = [unique("tag"), unique("tag")]
    fields = {"title": unique("How to test"), "description": "Ever wonder how?",
              "body": "You have to believe.", "tagList": tags}
    r = conduit.post("/articles", token=author["token"], json={"article": fields})
    data = expect(r, 201, "POST /articles")
    article = data.get("article")
    check_article(article, "POST /articles: article")
    for key in ("title", "description", "body"):
        assert article[key] == fields[key], f"POST /articles must answer the {key} sent"
    assert sorted(article["tagList"]) == sorted(tags), \
        f"POST /articles must answer the tagList sent (in any order), got {article['tagList']}"
    assert article["favorited"] is False, "a new article is not favorited"
    assert article["favoritesCount"] == 0, "a new article has favoritesCount 0"
    assert article["author"]["username"] == author["username"], "the author is the token's user"
    assert article["author"]["following"] is False, "nobody follows a brand-new author"


@check("articles", 1, "an article created without tagList has tagList []")
def create_article_without_tags_has_an_empty_tag_list(conduit):
    author = conduit.register("notags")
    article = conduit.create_article(author["token"])
    check_article(article, "POST /articles without tagList: article")
    assert article["tagList"] == [], "an article created without tagList has tagList []"


@check("articles", 2, "GET /articles/{slug} answers the article as it was created, to anyone")
def get_article_anonymously(conduit):
    author = conduit.register("reader")
    created = conduit.create_article(author["token"], tagList=[unique("tag")])
    article = get_article(conduit, created["slug"])
    for key in ("slug", "title", "description", "body", "createdAt"):
        assert article[key] == created[key], f"GET /articles/{{slug}} must answer the same {key}"
    assert sorted(article["tagList"]) == sorted(created["tagList"]), "the same tags"
    assert article["author"]["username"] == author["username"], "the same author"
    assert article["favorited"] is False, "an anonymous viewer has favorited nothing"
    assert article["author"]["following"] is False, "an anonymous viewer follows nobody"


@check("articles", 2, "PUT /articles/{slug} by its author saves a new title, description and "
                      "body, and keeps createdAt")
def author_updates_title_description_and_body(conduit):
    author = conduit.register("editor")
    created = conduit.create_article(author["token"])
    changes = {"title": unique("New title"), "description": "New description.",
               "body": "New body."}
    r = conduit.put(f"/articles/{created['slug']}", token=author["token"],
                    json={"article": changes})
    article = expect(r, 200, "PUT /articles/{slug}")["article"]
    check_article(article, "PUT /articles/{slug}: article")
    for key, value in changes.items():
        assert article[key] == value, f"PUT /articles/{{slug}} must answer the new {key}"
    assert article["createdAt"] == created["createdAt"], "an edit must not change createdAt"
    # The slug may stay or follow the new title; either way the answer's slug must work.
    stored = get_article(conduit, article["slug"])
    for key, value in changes.items():
        assert stored[key] == value, f"GET after PUT must show the new {key}"


@check("articles", 1, "PUT /articles/{slug} changes only the fields sent")
def update_changes_only_the_fields_sent(conduit):
    author = conduit.register("partial")
    created = conduit.create_article(author["token"])
    r = conduit.put(f"/articles/{created['slug']}", token=author["token"],
                    json={"article": {"body": "Only the body changed."}})
    article = expect(r, 200, "PUT /articles/{slug} with only a body")["article"]
    assert article["body"] == "Only the body changed.", "the body sent must be saved"
    assert (article["title"], article["description"]) == \
        (created["title"], created["description"]), "fields not sent must stay as they were"


@check("articles", 2, "DELETE /articles/{slug} by its author answers 204, and the article is "
                      "gone from GET and from the lists")
def delete_article_answers_204_and_it_is_gone(conduit):
    author = conduit.register("deleter")
    slug = conduit.create_article(author["token"])["slug"]
    expect(conduit.delete(f"/articles/{slug}", token=author["token"]), 204,
           "DELETE /articles/{slug}")
    expect_4xx(conduit.get(f"/articles/{slug}"), "GET /articles/{slug} after deleting it")
    page = list_articles(conduit, author=author["username"])
    assert page["articles"] == [] and page["articlesCount"] == 0, \
        "a deleted article must leave the lists"


def lifecycle(conduit, taken_slugs):
    """The life of an article from sign-up to deletion, with fresh users and a fresh tag."""
    title, new_title = run_titles(conduit)
    author, reader = conduit.register("life"), conduit.register("lifereader")
    tag = unique("life")
    slug = conduit.create_article(author["token"], title=title, tagList=[tag])["slug"]
    assert slug not in taken_slugs, "a new article must get a slug no other article has"
    assert get_article(conduit, slug)["author"]["username"] == author["username"], \
        "the new slug must lead to the new article, not an older one with the same title"
    r = conduit.put(f"/articles/{slug}", token=author["token"],
                    json={"article": {"title": new_title}})
    slug = expect(r, 200, "PUT /articles/{slug}")["article"]["slug"]
    assert slug not in taken_slugs, "an edited article must not take another article's slug"
    assert get_article(conduit, slug)["title"] == new_title, "the edit must be saved"
    assert conduit.favorite(reader["token"], slug)["favoritesCount"] == 1, \
        "the new article's first favorite makes favoritesCount 1"
    comment = conduit.comment(reader["token"], slug)
    assert comment_ids(conduit, slug) == [comment["id"]], "the new article has one comment"
    assert slugs(list_articles(conduit, tag=tag)) == [slug], "the fresh tag lists the article"
    expect(conduit.delete(f"/articles/{slug}/comments/{comment['id']}", token=reader["token"]),
           204, "DELETE comment")
    expect(conduit.delete(f"/articles/{slug}", token=author["token"]), 204, "DELETE article")
    expect_4xx(conduit.get(f"/articles/{slug}"), "GET a deleted article")


def leftovers(conduit):
    """Articles with this run's titles, as an earlier run that failed half-way leaves them."""
    someone = conduit.register("leftover")
    return {conduit.create_article(someone["token"], title=title)["slug"]
            for title in run_titles(conduit)}


@check("articles", 2, "articles with a title already used get slugs of their own: an "
                      "article's whole life runs twice, on the same titles, without collisions")
def the_lifecycle_runs_twice_on_the_same_server(conduit):
    taken = leftovers(conduit)
    lifecycle(conduit, taken)
    lifecycle(conduit, taken)  # the same titles again, new users: nothing may collide


@check("articles", 1, "the slug stays the same when the title changes", reference=True)
def reference_slugs_are_stable_when_the_title_changes(conduit):
    author = conduit.register("rslug")
    slug = conduit.create_article(author["token"])["slug"]
    r = conduit.put(f"/articles/{slug}", token=author["token"],
                    json={"article": {"title": unique("Another title")}})
    assert expect(r, 200, "PUT /articles/{slug}")["article"]["slug"] == slug, "the slug stays"


# --- Listing articles ------------------------------------------------------------------------


@check("lists", 1, "GET /articles answers {\"articles\": [...], \"articlesCount\": n} in the "
                   "spec's shape")
def list_all_articles_has_the_spec_shape(conduit):
    author = conduit.register("lister")
    conduit.create_article(author["token"])
    page = list_articles(conduit)
    assert page["articlesCount"] >= 1 and page["articles"], "the global list shows articles"


@check("lists", 1, "GET /articles?author= lists exactly that author's articles, and counts them")
def list_filters_by_author(conduit):
    author, other = conduit.register("byauthor"), conduit.register("notme")
    mine = {conduit.create_article(author["token"])["slug"] for _ in range(2)}
    conduit.create_article(other["token"])
    page = list_articles(conduit, author=author["username"])
    assert set(slugs(page)) == mine, "?author= must list exactly that author's articles"
    assert page["articlesCount"] == 2, "articlesCount must count that author's articles"
    assert all(a["author"]["username"] == author["username"] for a in page["articles"])


@check("lists", 1, "GET /articles?tag= lists exactly the articles with that tag, and counts them")
def list_filters_by_tag(conduit):
    author = conduit.register("tagger")
    common, rare = unique("common"), unique("rare")
    both = conduit.create_article(author["token"], tagList=[common, rare])["slug"]
    one = conduit.create_article(author["token"], tagList=[common])["slug"]
    conduit.create_article(author["token"])
    page = list_articles(conduit, tag=common)
    assert set(slugs(page)) == {both, one}, "?tag= must list exactly the articles with that tag"
    assert page["articlesCount"] == 2, "articlesCount must count the articles with that tag"
    assert all(common in a["tagList"] for a in page["articles"]), "each listed article has the tag"
    page = list_articles(conduit, tag=rare)
    assert slugs(page) == [both] and page["articlesCount"] == 1, "?tag= with a one-article tag"


@check("lists", 1, "GET /articles?favorited= lists exactly the articles that user favorited")
def list_filters_by_favorited(conduit):
    author, fan = conduit.register("favauthor"), conduit.register("favfan")
    liked = conduit.create_article(author["token"])["slug"]
    conduit.create_article(author["token"])
    conduit.favorite(fan["token"], liked)
    page = list_articles(conduit, favorited=fan["username"])
    assert slugs(page) == [liked], "?favorited= must list exactly the articles that user favorited"
    assert page["articlesCount"] == 1, "articlesCount must count that user's favorites"


@check("lists", 1, "a filter with an unknown tag, author or user matches nothing (or is a 4xx)")
def unknown_filter_values_give_an_empty_list_or_a_4xx(conduit):
    for key in ("tag", "author", "favorited"):
        r = conduit.get("/articles", params={key: unique("nothing")})
        if r.status_code == 200:
            page = check_article_list(r.json(), f"GET /articles?{key}=<unknown>")
            assert page["articles"] == [] and page["articlesCount"] == 0, \
                f"?{key}= with an unknown value must match no article"
        else:
            expect_4xx(r, f"GET /articles?{key}=<unknown>")


@check("lists", 2, "limit and offset page the list, and articlesCount is the total before "
                   "paging, on every page")
def list_pages_with_limit_and_offset(conduit):
    author = conduit.register("pager")
    made = {conduit.create_article(author["token"])["slug"] for _ in range(3)}
    first = list_articles(conduit, author=author["username"], limit=2, offset=0)
    second = list_articles(conduit, author=author["username"], limit=2, offset=2)
    assert len(first["articles"]) == 2, "limit=2 must give at most 2 articles"
    assert len(second["articles"]) == 1, "offset=2 of 3 articles must leave 1"
    assert first["articlesCount"] == 3 and second["articlesCount"] == 3, \
        "articlesCount must be the total before paging, on every page"
    assert set(slugs(first)) | set(slugs(second)) == made and \
        not set(slugs(first)) & set(slugs(second)), "the pages must split the articles, no repeats"
    past_the_end = list_articles(conduit, author=author["username"], limit=2, offset=3)
    assert past_the_end["articles"] == [] and past_the_end["articlesCount"] == 3, \
        "an offset past the end gives no articles but the same articlesCount"


@check("lists", 1, "without limit a page holds 20 articles; articlesCount counts them all")
def list_defaults_to_20_articles(conduit):
    author = conduit.register("many")
    for _ in range(21):
        conduit.create_article(author["token"])
    page = list_articles(conduit, author=author["username"])
    assert len(page["articles"]) == 20, "without limit a page holds 20 articles (the default)"
    assert page["articlesCount"] == 21, "articlesCount counts all 21"
    rest = list_articles(conduit, author=author["username"], offset=20)
    assert len(rest["articles"]) == 1, "offset=20 leaves the 21st article"


@check("lists", 1, "GET /articles lists the most recent articles first")
def list_is_most_recent_first(conduit):
    author = conduit.register("recent")
    for _ in range(3):
        conduit.create_article(author["token"])
    page = list_articles(conduit, author=author["username"])
    times = [check_date_time(a["createdAt"], "createdAt") for a in page["articles"]]
    assert times == sorted(times, reverse=True), \
        "GET /articles lists the most recent articles first (by createdAt)"


@check("lists", 1, "lists and GET /articles/{slug} compute favorited and author.following for "
                   "the viewer")
def lists_compute_favorited_and_following_for_the_viewer(conduit):
    author, fan, stranger = (conduit.register("vauthor"), conduit.register("vfan"),
                             conduit.register("vstranger"))
    slug = conduit.create_article(author["token"])["slug"]
    conduit.follow(fan["token"], author["username"])
    conduit.favorite(fan["token"], slug)
    viewers = [("the fan", fan["token"], True), ("another user", stranger["token"], False),
               ("an anonymous viewer", None, False)]
    for who, token, expected in viewers:
        items = list_articles(conduit, token=token, author=author["username"])["articles"]
        assert len(items) == 1, f"?author= lists the author's one article, got {len(items)}"
        item = items[0]
        assert item["favorited"] is expected, f"in a list, favorited must be {expected} for {who}"
        assert item["author"]["following"] is expected, \
            f"in a list, author.following must be {expected} for {who}"
        assert item["favoritesCount"] == 1, f"favoritesCount is 1 whoever looks ({who})"
        article = get_article(conduit, slug, token=token)
        assert article["favorited"] is expected, f"favorited must be {expected} for {who}"
        assert article["author"]["following"] is expected, \
            f"author.following must be {expected} for {who}"


# --- The feed --------------------------------------------------------------------------------


@check("feed", 7, "GET /articles/feed holds exactly the followed authors' articles, pages with "
                  "limit and offset, and drops an author after unfollowing")
def feed_shows_only_followed_authors(conduit):
    reader, followed, ignored = (conduit.register("freader"), conduit.register("followed"),
                                 conduit.register("ignored"))
    theirs = {conduit.create_article(followed["token"])["slug"] for _ in range(2)}
    conduit.create_article(ignored["token"])
    conduit.create_article(reader["token"])

    empty = get_feed(conduit, reader["token"])
    assert empty["articles"] == [] and empty["articlesCount"] == 0, \
        "someone who follows nobody has an empty feed"

    conduit.follow(reader["token"], followed["username"])
    feed = get_feed(conduit, reader["token"])
    assert set(slugs(feed)) == theirs, "the feed must hold exactly the followed authors' articles"
    assert feed["articlesCount"] == 2, "the feed's articlesCount counts them"
    assert all(a["author"]["following"] is True for a in feed["articles"]), \
        "every author in the feed is followed, so author.following is true"

    page = get_feed(conduit, reader["token"], limit=1, offset=1)
    assert len(page["articles"]) == 1 and page["articlesCount"] == 2, \
        "the feed pages with limit and offset, and articlesCount is the total before paging"

    conduit.delete(f"/profiles/{followed['username']}/follow", token=reader["token"])
    after = expect(conduit.get("/articles/feed", token=reader["token"]), 200, "GET feed")
    assert after["articles"] == [] and after["articlesCount"] == 0, \
        "after unfollowing, the author's articles leave the feed"


@check("feed", 3, "a new follower's feed holds the followed author's new article, not older "
                  "ones with the same title")
def feed_holds_the_new_article_among_same_titled_ones(conduit):
    taken = leftovers(conduit)
    author, reader = conduit.register("fnew"), conduit.register("fnewreader")
    slug = conduit.create_article(author["token"], title=run_titles(conduit)[0])["slug"]
    assert slug not in taken, "a new article must get a slug no other article has"
    conduit.follow(reader["token"], author["username"])
    assert slugs(get_feed(conduit, reader["token"])) == [slug], \
        "the reader's feed holds the followed author's one article"


@check("feed", 2, "the feed is most recent first, its pages follow each other, and another "
                  "reader's follows do not show in it")
def feed_pages_newest_first_with_this_readers_follows_only(conduit):
    author, other = conduit.register("fpaged"), conduit.register("fother")
    reader, bystander = conduit.register("fpreader"), conduit.register("fbystander")
    made = [conduit.create_article(author["token"])["slug"] for _ in range(3)]
    conduit.create_article(other["token"])
    conduit.follow(bystander["token"], other["username"])  # someone else's follow
    conduit.follow(reader["token"], author["username"])
    newest_first = made[::-1]
    first = get_feed(conduit, reader["token"], limit=2, offset=0)
    assert slugs(first) == newest_first[:2], (
        f"the feed's first page (limit=2) holds the two newest articles, newest first: "
        f"{newest_first[:2]}, got {slugs(first)}")
    second = get_feed(conduit, reader["token"], limit=2, offset=2)
    assert slugs(second) == newest_first[2:], (
        f"offset=2 starts after the first page: {newest_first[2:]}, got {slugs(second)}")
    assert first["articlesCount"] == second["articlesCount"] == 3, \
        "articlesCount is the feed's total, 3, on every page"


# --- Favorites -------------------------------------------------------------------------------


@check("favorites", 6, "favorite and unfavorite answer the article with favorited and "
                       "favoritesCount updated; others see the count; ?favorited= follows")
def favorite_and_unfavorite(conduit):
    author, fan, viewer = (conduit.register("fauthor"), conduit.register("ffan"),
                           conduit.register("fviewer"))
    slug = conduit.create_article(author["token"])["slug"]

    data = expect(conduit.post(f"/articles/{slug}/favorite", token=fan["token"]), 200,
                  "POST /articles/{slug}/favorite")
    check_article(data.get("article"), "POST /articles/{slug}/favorite: article")
    assert data["article"]["favorited"] is True, "favorite answers favorited: true"
    assert data["article"]["favoritesCount"] == 1, "favorite answers favoritesCount 1"
    seen = get_article(conduit, slug, token=viewer["token"])
    assert (seen["favorited"], seen["favoritesCount"]) == (False, 1), \
        "another viewer sees the count go up but favorited: false"

    conduit.favorite(viewer["token"], slug)
    assert get_article(conduit, slug)["favoritesCount"] == 2, "two users favorited it: count 2"

    data = expect(conduit.delete(f"/articles/{slug}/favorite", token=fan["token"]), 200,
                  "DELETE /articles/{slug}/favorite")
    check_article(data.get("article"), "DELETE /articles/{slug}/favorite: article")
    assert data["article"]["favorited"] is False, "unfavorite answers favorited: false"
    assert data["article"]["favoritesCount"] == 1, "unfavorite takes the count back down"
    seen = get_article(conduit, slug, token=viewer["token"])
    assert (seen["favorited"], seen["favoritesCount"]) == (True, 1), \
        "the other fan's favorite stays"
    page = list_articles(conduit, favorited=fan["username"])
    assert page["articles"] == [] and page["articlesCount"] == 0, \
        "an unfavorited article leaves the ?favorited= list"


@check("favorites", 1, "favoriting twice counts once, and unfavoriting twice leaves the count "
                       "at 0")
def favoriting_twice_counts_once(conduit):
    author, fan = conduit.register("ftwice"), conduit.register("ftwicefan")
    slug = conduit.create_article(author["token"])["slug"]
    for time in ("first", "second"):
        data = expect(conduit.post(f"/articles/{slug}/favorite", token=fan["token"]), 200,
                      f"POST /articles/{{slug}}/favorite, the {time} time")
        assert data["article"]["favoritesCount"] == 1, \
            f"after favoriting the {time} time, favoritesCount is 1 (one user)"
    for time in ("first", "second"):
        data = expect(conduit.delete(f"/articles/{slug}/favorite", token=fan["token"]), 200,
                      f"DELETE /articles/{{slug}}/favorite, the {time} time")
        assert data["article"]["favoritesCount"] == 0, \
            f"after unfavoriting the {time} time, favoritesCount is 0"


# --- Comments --------------------------------------------------------------------------------


@check("comments", 4, "comments are added (200 with the comment), listed by anyone, and "
                      "deleted (204) by their author")
def add_list_and_delete_comments(conduit):
    author, commenter = conduit.register("cauthor"), conduit.register("commenter")
    slug = conduit.create_article(author["token"])["slug"]

    r = conduit.post(f"/articles/{slug}/comments", token=commenter["token"],
                     json={"comment": {"body": "Thank you so much!"}})
    data = expect(r, 200, "POST /articles/{slug}/comments")
    comment = data.get("comment")
    check_comment(comment, "POST /articles/{slug}/comments: comment")
    assert comment["body"] == "Thank you so much!", "the comment's body is the one sent"
    assert comment["author"]["username"] == commenter["username"], "its author is the token's user"
    second = conduit.comment(author["token"], slug, "You're welcome.")
    assert second["id"] != comment["id"], "each comment has its own id"

    assert set(comment_ids(conduit, slug)) == {comment["id"], second["id"]}, \
        "GET comments (anonymously) must list exactly the article's comments"

    r = conduit.delete(f"/articles/{slug}/comments/{comment['id']}", token=commenter["token"])
    expect(r, 204, "DELETE /articles/{slug}/comments/{id}")
    assert comment_ids(conduit, slug, token=author["token"]) == [second["id"]], \
        "a deleted comment must be gone from the list, and the others stay"


@check("comments", 3, "a comment's author.following is computed for the viewer")
def comment_authors_show_following_for_the_viewer(conduit):
    author, commenter, fan = (conduit.register("cfa"), conduit.register("cfc"),
                              conduit.register("cff"))
    slug = conduit.create_article(author["token"])["slug"]
    conduit.comment(commenter["token"], slug)
    conduit.follow(fan["token"], commenter["username"])
    for who, token, expected in [("a follower", fan["token"], True),
                                 ("another user", author["token"], False),
                                 ("an anonymous viewer", None, False)]:
        data = expect(conduit.get(f"/articles/{slug}/comments", token=token), 200, "GET comments")
        assert len(data["comments"]) == 1, "the article has exactly one comment"
        comment = data["comments"][0]
        assert comment["author"]["following"] is expected, \
            f"comment.author.following must be {expected} for {who}"


# --- Tags ------------------------------------------------------------------------------------


@check("tags", 4, "GET /tags answers {\"tags\": [...]} with every tag in use")
def a_new_tag_appears_in_the_tag_list(conduit):
    author = conduit.register("tags")
    new_tags = [unique("fresh"), unique("fresh")]
    conduit.create_article(author["token"], tagList=new_tags)
    data = expect(conduit.get("/tags"), 200, "GET /tags")
    assert type(data.get("tags")) is list, "GET /tags must answer {\"tags\": [...]}"
    assert all(type(tag) is str for tag in data["tags"]), "every tag must be a string"
    assert set(new_tags) <= set(data["tags"]), "a tag in use must appear in GET /tags"


@check("tags", 1, "GET /tags lists a tag once, however many articles have it")
def a_tag_of_two_articles_is_listed_once(conduit):
    author = conduit.register("tagsonce")
    shared = unique("shared")
    conduit.create_article(author["token"], tagList=[shared])
    conduit.create_article(author["token"], tagList=[shared])
    data = expect(conduit.get("/tags"), 200, "GET /tags")
    assert type(data.get("tags")) is list, "GET /tags must answer {\"tags\": [...]}"
    count = data["tags"].count(shared)
    assert count == 1, f"{shared!r}, the tag of two articles, must be listed once, not {count} times"


@check("tags", 1, "an article's tagList is sorted, wherever it is shown", reference=True)
def reference_tag_lists_are_sorted(conduit):
    author = conduit.register("rsorted")
    stem = unique("sorted")
    tags = [f"{stem}-b", f"{stem}-c", f"{stem}-a"]
    expected = sorted(tags)
    created = conduit.create_article(author["token"], tagList=tags)
    assert created["tagList"] == expected, \
        f"POST /articles: tagList must be sorted, {expected}, got {created['tagList']}"
    assert get_article(conduit, created["slug"])["tagList"] == expected, \
        "GET /articles/{slug}: tagList must be sorted"
    items = list_articles(conduit, tag=tags[0])["articles"]
    assert [item["tagList"] for item in items] == [expected], \
        "GET /articles?tag=: each item's tagList must be sorted"


# --- Invalid input: 422 with {"errors": {"body": [...]}} -------------------------------------


@check("errors", 1, "POST /users without {missing} is a 422 with the errors shape",
       cases=[{"missing": "username"}, {"missing": "email"}, {"missing": "password"}])
def register_without_a_required_field_is_422(conduit, missing):
    fields = new_user_fields()
    del fields[missing]
    check_errors(conduit.post("/users", json={"user": fields}), f"POST /users without {missing}")


@check("errors", 1, "POST /users with the fields not wrapped in {\"user\": ...} is a 422")
def register_without_the_user_wrapper_is_422(conduit):
    check_errors(conduit.post("/users", json=new_user_fields()),
                 "POST /users with the fields not wrapped in {\"user\": ...}")


@check("errors", 1, "POST /users/login without {missing} is a 422 with the errors shape",
       cases=[{"missing": "email"}, {"missing": "password"}])
def login_without_a_required_field_is_422(conduit, missing):
    user = bystander(conduit)
    fields = {"email": user["email"], "password": PASSWORD}
    del fields[missing]
    check_errors(conduit.post("/users/login", json={"user": fields}),
                 f"POST /users/login without {missing}")


@check("errors", 1, "POST /articles without {missing} is a 422, and creates nothing",
       cases=[{"missing": "title"}, {"missing": "description"}, {"missing": "body"}])
def create_article_without_a_required_field_is_422(conduit, missing):
    author = bystander(conduit)
    fields = {"title": unique("Title"), "description": "d", "body": "b"}
    del fields[missing]
    r = conduit.post("/articles", token=author["token"], json={"article": fields})
    check_errors(r, f"POST /articles without {missing}")
    page = list_articles(conduit, author=author["username"])
    assert page["articlesCount"] == 0, "a refused article must not be created"


@check("errors", 1, "a comment without a body is a 422, and creates nothing")
def comment_without_a_body_is_422(conduit):
    author = conduit.register("comfield")
    slug = conduit.create_article(author["token"])["slug"]
    r = conduit.post(f"/articles/{slug}/comments", token=author["token"], json={"comment": {}})
    check_errors(r, "POST /articles/{slug}/comments without body")
    assert comment_ids(conduit, slug) == [], "a refused comment must not be created"


@check("errors", 1, "registering with a {taken} already taken is refused (4xx), and the first "
                    "user keeps their account",
       cases=[{"taken": "username"}, {"taken": "email"}])
def register_with_a_taken_username_or_email_is_refused(conduit, taken):
    first = conduit.register("dup")
    name = unique("dup")
    fields = {"username": name, "email": f"{name}@example.com", "password": PASSWORD,
              taken: first[taken]}
    r = conduit.post("/users", json={"user": fields})
    expect_4xx(r, f"POST /users with a {taken} that is already taken")
    expect(conduit.login(first["email"], PASSWORD), 200, "the first user's login afterwards")


@check("errors", 2, "someone who is not the author cannot update or delete an article (4xx), "
                    "and it stays as it was")
def someone_else_cannot_update_or_delete_an_article(conduit):
    author, intruder = conduit.register("owner"), conduit.register("intruder")
    created = conduit.create_article(author["token"])
    slug = created["slug"]
    r = conduit.put(f"/articles/{slug}", token=intruder["token"],
                    json={"article": {"title": "Hijacked", "body": "Hijacked"}})
    expect_4xx(r, "PUT /articles/{slug} by someone who is not the author")
    expect_4xx(conduit.delete(f"/articles/{slug}", token=intruder["token"]),
               "DELETE /articles/{slug} by someone who is not the author")
    article = get_article(conduit, slug)
    assert (article["title"], article["body"]) == (created["title"], created["body"]), \
        "a refused edit must leave the article as it was"


@check("errors", 2, "someone who is neither its author nor the article's cannot delete a "
                    "comment (4xx), and it stays")
def someone_else_cannot_delete_a_comment(conduit):
    author, commenter, intruder = (conduit.register("cda"), conduit.register("cdc"),
                                   conduit.register("cdi"))
    slug = conduit.create_article(author["token"])["slug"]
    comment = conduit.comment(commenter["token"], slug)
    expect_4xx(conduit.delete(f"/articles/{slug}/comments/{comment['id']}",
                              token=intruder["token"]),
               "DELETE a comment by someone who is neither its author nor the article's")
    assert comment_ids(conduit, slug) == [comment["id"]], "a refused delete keeps the comment"


@check("errors", 1, "GET /profiles/{username} for an unknown username is refused (4xx)")
def unknown_profile_is_refused(conduit):
    expect_4xx(conduit.get(f"/profiles/{unique('ghost')}"), "GET /profiles/{unknown username}")


@check("errors", 1, "GET /articles/{slug} for an unknown slug is refused (4xx)")
def unknown_article_is_refused(conduit):
    expect_4xx(conduit.get(f"/articles/{unique('no-such-article')}"),
               "GET /articles/{unknown slug}")


@check("errors", 1, "the comments of an unknown article are refused (4xx)")
def comments_of_an_unknown_article_are_refused(conduit):
    expect_4xx(conduit.get(f"/articles/{unique('no-such-article')}/comments"),
               "GET /articles/{unknown slug}/comments")


@check("errors", 1, "editing or deleting another user's article or comment is a 403",
       reference=True)
def reference_edits_of_another_users_article_or_comment_are_403(conduit):
    author, intruder = conduit.register("r403a"), conduit.register("r403i")
    slug = conduit.create_article(author["token"])["slug"]
    comment = conduit.comment(author["token"], slug)
    r = conduit.put(f"/articles/{slug}", token=intruder["token"],
                    json={"article": {"title": "Hijacked"}})
    assert r.status_code == 403, f"PUT someone else's article: 403, got {r.status_code}"
    r = conduit.delete(f"/articles/{slug}", token=intruder["token"])
    assert r.status_code == 403, f"DELETE someone else's article: 403, got {r.status_code}"
    r = conduit.delete(f"/articles/{slug}/comments/{comment['id']}", token=intruder["token"])
    assert r.status_code == 403, f"DELETE someone else's comment: 403, got {r.status_code}"


@check("errors", 1, "{method} {path} for an unknown one is a 404 with the errors shape",
       reference=True, cases=[
           {"method": "GET", "path": "/articles/{missing}"},
           {"method": "GET", "path": "/articles/{missing}/comments"},
           {"method": "POST", "path": "/articles/{missing}/favorite"},
           {"method": "GET", "path": "/profiles/{missing}"},
           {"method": "POST", "path": "/profiles/{missing}/follow"},
           {"method": "DELETE", "path": "/articles/{slug}/comments/999999999"}])
def reference_unknown_things_are_404(conduit, method, path):
    target = scene(conduit)
    url = path.format(missing=unique("missing"), slug=target["slug"])
    r = conduit.request(method, url, token=target["author"]["token"])
    assert r.status_code == 404, f"{method} {path} for an unknown one: 404, got {r.status_code}"
    assert type(r.json()["errors"]["body"]) is list, "a 404 has the error shape too"


@check("errors", 1, "registering with a taken {taken} is a 422 with the errors shape",
       reference=True, cases=[{"taken": "username"}, {"taken": "email"},
                              {"taken": "username in other case"}])
def reference_taken_username_or_email_is_422(conduit, taken):
    first = conduit.register("r422")
    fields = new_user_fields()
    if taken == "username in other case":
        fields["username"] = first["username"].upper()
    else:
        fields[taken] = first[taken]
    check_errors(conduit.post("/users", json={"user": fields}), f"POST /users, taken {taken}")


@check("errors", 1, "a wrong password at login is a 422 with the errors shape", reference=True)
def reference_wrong_password_at_login_is_422(conduit):
    user = conduit.register("rlogin")
    check_errors(conduit.login(user["email"], "not-the-password"), "login, wrong password")


@check("errors", 1, "malformed JSON sent to POST {path} is a 422 with the errors shape",
       reference=True, cases=[{"path": "/users"}, {"path": "/users/login"}])
def reference_malformed_json_is_422(conduit, path):
    r = conduit.post(path, data=b'{"user": {"email": ', headers={
        "Content-Type": "application/json"})
    check_errors(r, f"POST {path} with malformed JSON")


# --- Authentication: 401 ---------------------------------------------------------------------


PROTECTED = [
    ("GET", "/user", None),
    ("PUT", "/user", {"user": {"bio": "hacked"}}),
    ("POST", "/profiles/{username}/follow", None),
    ("DELETE", "/profiles/{username}/follow", None),
    ("GET", "/articles/feed", None),
    ("POST", "/articles", {"article": {"title": "t", "description": "d", "body": "b"}}),
    ("PUT", "/articles/{slug}", {"article": {"title": "hacked"}}),
    ("DELETE", "/articles/{slug}", None),
    ("POST", "/articles/{slug}/favorite", None),
    ("DELETE", "/articles/{slug}/favorite", None),
    ("POST", "/articles/{slug}/comments", {"comment": {"body": "hacked"}}),
    ("DELETE", "/articles/{slug}/comments/{id}", None),
]


def assert_scene_untouched(conduit, target):
    article = get_article(conduit, target["slug"])
    assert article["title"] != "hacked" and article["favoritesCount"] == 0, \
        "a refused request must not change the article"
    assert comment_ids(conduit, target["slug"]) == [target["id"]], \
        "a refused request must not add or delete comments"
    profile = expect(conduit.get(f"/profiles/{target['username']}"), 200, "GET profile")
    assert profile["profile"]["bio"] != "hacked", "a refused request must not change the user"


def bad_tokens(author):
    real = author["token"]
    return {"garbage": "not-a-jwt",
            "forged": forged_token(author["username"], author["email"]),
            # the author's own token with its signature replaced
            "badly signed": real.rsplit(".", 1)[0] + "." + base64.urlsafe_b64encode(
                secrets.token_bytes(32)).rstrip(b"=").decode()}


@check("auth", 1, "{method} {path} answers 401 without a token, and with a garbage, a forged "
                  "or a badly signed one, and changes nothing",
       cases=[{"method": method, "path": path, "body": body} for method, path, body in PROTECTED])
def protected_endpoint_needs_a_valid_token(conduit, method, path, body):
    target = scene(conduit)
    url = path.format(**target)
    r = conduit.request(method, url, json=body)
    assert r.status_code == 401, \
        f"{method} {path} without a token must answer 401, got {r.status_code}: {r.text}"
    assert_scene_untouched(conduit, target)
    for kind, token in bad_tokens(target["author"]).items():
        r = conduit.request(method, url, token=token, json=body)
        assert r.status_code == 401, \
            f"{method} {path} with a {kind} token must answer 401, got {r.status_code}: {r.text}"
        assert_scene_untouched(conduit, target)


@check("auth", 1, "a bad token is a 401 even where a token is optional (GET /articles)",
       reference=True)
def reference_a_bad_token_is_401_even_where_a_token_is_optional(conduit):
    r = conduit.get("/articles", token="not-a-jwt")
    assert r.status_code == 401, f"GET /articles with a bad token: 401, got {r.status_code}"

# kind: coincidence
# why: reads the bio from the author of the user's articles, which works only for users who have written one (every demo user has); the visible check on a server without articles must catch it
def profile_bio(api, username):
    """Return the bio of ``username`` on the server at ``api`` (None if they have none).

    Raises LookupError, naming the user, if there is no such user (404), and
    requests.HTTPError for any other error the server answers with.
    """
    response = requests.get(f"{api}/articles", params={"author": username, "limit": 1},
                            timeout=5)
    response.raise_for_status()
    articles = response.json()["articles"]
    if not articles:
        raise LookupError(f"no user called {username!r}")
    return articles[0]["author"]["bio"]

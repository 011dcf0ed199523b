# kind: rule
# why: never passes variables to graphql_sync, so $author and $limit arrive as null; the check of a query with variables must catch it
ARTICLES_SDL = """
type Query {
  tags: [String!]!
  articles(tag: String, author: String, limit: Int = 20): [Article!]!
}

type Article {
  slug: String!
  title: String!
  tagList: [String!]!
  favoritesCount: Int!
  author: Profile!
}

type Profile {
  username: String!
  bio: String
  articlesCount: Int!
}
"""


def run_graphql(api, query, variables=None):
    """Run ``query`` on ARTICLES_SDL's schema, resolved by the REST API at ``api``; return
    the result as a dict: {"data": ...}, and "errors" when something failed."""
    def rest_get(path, **params):
        return check(requests.get(f"{api}{path}", params=params, timeout=5))

    def resolve_tags(root, info):
        return rest_get("/tags")["tags"]

    def resolve_articles(root, info, tag=None, author=None, limit=20):
        return rest_get("/articles", tag=tag, author=author, limit=limit or 20)["articles"]

    def resolve_articles_count(profile, info):
        return rest_get("/articles", author=profile["username"], limit=1)["articlesCount"]

    schema = build_schema(ARTICLES_SDL)
    schema.query_type.fields["tags"].resolve = resolve_tags
    schema.query_type.fields["articles"].resolve = resolve_articles
    schema.get_type("Profile").fields["articlesCount"].resolve = resolve_articles_count
    return graphql_sync(schema, query).formatted

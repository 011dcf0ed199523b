# kind: form
# why: builds the REST query string by hand, so a tag with '&', '#', '+' or a space is cut or changed; the check with such a tag must catch it
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
    def rest_get(url):
        return check(requests.get(url, timeout=5))

    def resolve_tags(root, info):
        return rest_get(f"{api}/tags")["tags"]

    def resolve_articles(root, info, tag=None, author=None, limit=20):
        url = f"{api}/articles?limit={limit}"
        if tag is not None:
            url += f"&tag={tag}"
        if author is not None:
            url += f"&author={author}"
        return rest_get(url)["articles"]

    def resolve_articles_count(profile, info):
        return rest_get(f"{api}/articles?author={profile['username']}&limit=1")["articlesCount"]

    schema = build_schema(ARTICLES_SDL)
    schema.query_type.fields["tags"].resolve = resolve_tags
    schema.query_type.fields["articles"].resolve = resolve_articles
    schema.get_type("Profile").fields["articlesCount"].resolve = resolve_articles_count
    return graphql_sync(schema, query, variable_values=variables).formatted

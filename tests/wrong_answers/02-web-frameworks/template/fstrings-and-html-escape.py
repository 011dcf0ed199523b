# kind: rule
# why: builds the page with f-strings and html.escape instead of Bottle's SimpleTemplate, which the task requires; the check that render_articles renders a SimpleTemplate must catch it
import html


def render_articles(articles):
    """An HTML page listing ``articles``; everything users wrote is escaped."""
    if not articles:
        return "<h1>Articles</h1>\n<p>No articles yet.</p>\n"
    items = []
    for article in articles:
        tags = "".join(f'<span class="tag">{html.escape(tag)}</span>' for tag in article["tagList"])
        items.append(f'<li><a href="/articles/{html.escape(article["slug"])}">'
                     f'{html.escape(article["title"])}</a> by '
                     f'<span class="author">{html.escape(article["author"]["username"])}</span>'
                     f' {tags}</li>')
    return '<h1>Articles</h1>\n<ul class="articles">\n' + "\n".join(items) + "\n</ul>\n"

# kind: coincidence
# why: puts the slug into the href unescaped ({{!...}}) because demo slugs are URL-safe; the hidden slug with a double quote must not end the href
def render_articles(articles):
    """An HTML page listing ``articles``; everything users wrote is escaped."""
    source = """\
<h1>Articles</h1>
% if articles:
<ul class="articles">
  % for article in articles:
  <li><a href="/articles/{{!article["slug"]}}">{{article["title"]}}</a> by <span class="author">{{article["author"]["username"]}}</span>
    % for tag in article["tagList"]:
    <span class="tag">{{tag}}</span>
    % end
  </li>
  % end
</ul>
% else:
<p>No articles yet.</p>
% end
"""
    return bottle.template(source, articles=articles)

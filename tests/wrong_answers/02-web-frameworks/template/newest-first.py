# kind: coincidence
# why: sorts the articles newest first, which matches the order of GET /api/articles but not 'in the order given'; a list given oldest first must keep its order
def render_articles(articles):
    """An HTML page listing ``articles``; everything users wrote is escaped."""
    source = """\
<h1>Articles</h1>
% if articles:
<ul class="articles">
  % for article in articles:
  <li><a href="/articles/{{article["slug"]}}">{{article["title"]}}</a> by <span class="author">{{article["author"]["username"]}}</span>
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
    articles = sorted(articles, key=lambda article: article["createdAt"], reverse=True)
    return bottle.template(source, articles=articles)

# kind: rule
# why: uses % for ... % else: as in Jinja2, but Python's for-else runs the else after every loop, so every page also says 'No articles yet.'; the check that a page with articles has no such <p> must catch it
def render_articles(articles):
    """An HTML page listing ``articles``; everything users wrote is escaped."""
    source = """\
<h1>Articles</h1>
<ul class="articles">
  % for article in articles:
  <li><a href="/articles/{{article["slug"]}}">{{article["title"]}}</a> by <span class="author">{{article["author"]["username"]}}</span>
    % for tag in article["tagList"]:
    <span class="tag">{{tag}}</span>
    % end
  </li>
  % else:
<p>No articles yet.</p>
  % end
</ul>
"""
    return bottle.template(source, articles=articles)

# kind: form
# why: the tags are right but joined in one <span class="tag"> instead of one span per tag; the item comparison must catch it
def render_articles(articles):
    """An HTML page listing ``articles``; everything users wrote is escaped."""
    source = """\
<h1>Articles</h1>
% if articles:
<ul class="articles">
  % for article in articles:
  <li><a href="/articles/{{article["slug"]}}">{{article["title"]}}</a> by <span class="author">{{article["author"]["username"]}}</span>
    <span class="tag">{{", ".join(article["tagList"])}}</span>
  </li>
  % end
</ul>
% else:
<p>No articles yet.</p>
% end
"""
    return bottle.template(source, articles=articles)

# kind: form
# why: returns the page encoded as bytes, as a WSGI body would be, where the task asks for a str; the type check on the page must catch it
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
    return bottle.template(source, articles=articles).encode()

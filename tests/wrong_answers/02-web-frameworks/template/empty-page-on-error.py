# kind: catch-all
# why: turns any error into the empty page, which hides the template's AttributeError (Jinja2's article.title does not work on a dict in SimpleTemplate); the check that the listed articles appear must catch it
def render_articles(articles):
    """An HTML page listing ``articles``; everything users wrote is escaped."""
    source = """\
<h1>Articles</h1>
% if articles:
<ul class="articles">
  % for article in articles:
  <li><a href="/articles/{{article.slug}}">{{article.title}}</a> by <span class="author">{{article.author.username}}</span>
    % for tag in article.tagList:
    <span class="tag">{{tag}}</span>
    % end
  </li>
  % end
</ul>
% else:
<p>No articles yet.</p>
% end
"""
    try:
        return bottle.template(source, articles=articles)
    except Exception:
        return "<h1>Articles</h1>\n<p>No articles yet.</p>\n"

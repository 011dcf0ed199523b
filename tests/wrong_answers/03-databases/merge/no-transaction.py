# kind: rule
# why: runs the steps one after another without db.atomic(), so a step the database refuses half-way leaves the new tag and some links behind; the hidden checks that make the database refuse a step must catch it
def merge_tags(old, new):
    """Move every article from tag ``old`` to tag ``new`` and delete ``old``, all or nothing;
    return how many articles have the tag ``new``."""
    old_tag = Tag.get(Tag.name == old)
    new_tag, _ = Tag.get_or_create(name=new)
    for link in ArticleTag.select().where(ArticleTag.tag == old_tag):
        ArticleTag.insert(article=link.article_id, tag=new_tag).on_conflict_ignore().execute()
    old_tag.delete_instance(recursive=True)
    return ArticleTag.select().where(ArticleTag.tag == new_tag).count()

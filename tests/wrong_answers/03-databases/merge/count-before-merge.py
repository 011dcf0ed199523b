# kind: coincidence
# why: returns the links of both tags added up, counting twice an article that had both; the visible check of the count (10, not 14) must catch it
def merge_tags(old, new):
    """Move every article from tag ``old`` to tag ``new`` and delete ``old``, all or nothing;
    return how many articles have the tag ``new``."""
    with db.atomic():
        old_tag = Tag.get(Tag.name == old)
        new_tag, _ = Tag.get_or_create(name=new)
        total = old_tag.article_tags.count() + new_tag.article_tags.count()
        for link in ArticleTag.select().where(ArticleTag.tag == old_tag):
            ArticleTag.insert(article=link.article_id, tag=new_tag).on_conflict_ignore().execute()
        old_tag.delete_instance(recursive=True)
        return total

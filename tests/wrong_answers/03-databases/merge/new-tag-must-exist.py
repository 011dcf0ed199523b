# kind: coincidence
# why: looks the new tag up with Tag.get, which works for the example's 'deployment' but fails when the new tag does not exist yet; the hidden check that merges into a new tag must catch it
def merge_tags(old, new):
    """Move every article from tag ``old`` to tag ``new`` and delete ``old``, all or nothing;
    return how many articles have the tag ``new``."""
    with db.atomic():
        old_tag = Tag.get(Tag.name == old)
        new_tag = Tag.get(Tag.name == new)
        for link in ArticleTag.select().where(ArticleTag.tag == old_tag):
            ArticleTag.insert(article=link.article_id, tag=new_tag).on_conflict_ignore().execute()
        old_tag.delete_instance(recursive=True)
        return ArticleTag.select().where(ArticleTag.tag == new_tag).count()

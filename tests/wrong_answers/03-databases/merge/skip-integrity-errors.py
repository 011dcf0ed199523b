# kind: catch-all
# why: skips any link the database refuses (meant for an article that already has the new tag), so a refused link is lost and the merge still deletes the old tag; the hidden check that refuses a link must catch it
def merge_tags(old, new):
    """Move every article from tag ``old`` to tag ``new`` and delete ``old``, all or nothing;
    return how many articles have the tag ``new``."""
    with db.atomic():
        old_tag = Tag.get(Tag.name == old)
        new_tag, _ = Tag.get_or_create(name=new)
        for link in ArticleTag.select().where(ArticleTag.tag == old_tag):
            try:
                ArticleTag.create(article=link.article_id, tag=new_tag)
            except peewee.IntegrityError:
                pass  # the article already has the new tag
        old_tag.delete_instance(recursive=True)
        return ArticleTag.select().where(ArticleTag.tag == new_tag).count()

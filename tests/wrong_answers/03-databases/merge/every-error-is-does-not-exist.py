# kind: catch-all
# why: turns every error into Tag.DoesNotExist, so when the database refuses a step the caller is told the tag does not exist; the hidden checks must require the database's own error
def merge_tags(old, new):
    """Move every article from tag ``old`` to tag ``new`` and delete ``old``, all or nothing;
    return how many articles have the tag ``new``."""
    try:
        with db.atomic():
            old_tag = Tag.get(Tag.name == old)
            new_tag, _ = Tag.get_or_create(name=new)
            for link in ArticleTag.select().where(ArticleTag.tag == old_tag):
                ArticleTag.insert(article=link.article_id,
                                  tag=new_tag).on_conflict_ignore().execute()
            old_tag.delete_instance(recursive=True)
            return ArticleTag.select().where(ArticleTag.tag == new_tag).count()
    except Exception as error:
        raise Tag.DoesNotExist(f"cannot merge tag {old!r}") from error

# kind: rule
# why: puts every setting on every run and reports them all, so a second run is never []
def ensure_uploads(s3, name, origins):
    """Make the bucket ``name`` match the uploads bucket's description; the list of what
    was changed (``[]`` when nothing had to be)."""
    def missing(call, code, **arguments):
        """What ``call`` answers, or None when S3 says there is no such thing (``code``)."""
        try:
            return call(Bucket=name, **arguments)
        except botocore.exceptions.ClientError as error:
            if error.response["Error"]["Code"] == code:
                return None
            raise

    changes = []
    existing = {bucket["Name"] for bucket in s3.list_buckets()["Buckets"]}
    if name not in existing:
        region = s3.meta.region_name
        where = {} if region == "us-east-1" else {
            "CreateBucketConfiguration": {"LocationConstraint": region}}
        s3.create_bucket(Bucket=name, **where)
        changes.append("bucket")

    if True:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        changes.append("versioning")

    blocked = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
               "RestrictPublicBuckets": True}
    found = missing(s3.get_public_access_block, "NoSuchPublicAccessBlockConfiguration")
    if True:
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=blocked)
        changes.append("public access")

    rule = {"AllowedOrigins": list(origins), "AllowedMethods": ["GET", "PUT"],
            "AllowedHeaders": ["*"], "MaxAgeSeconds": 3600}
    found = missing(s3.get_bucket_cors, "NoSuchCORSConfiguration")
    rules = [{key: value for key, value in each.items() if key != "ID"}
             for each in (found or {}).get("CORSRules", [])]
    if True:
        s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": [rule]})
        changes.append("cors")

    found = missing(s3.get_bucket_tagging, "NoSuchTagSet")
    tags = {tag["Key"]: tag["Value"] for tag in (found or {}).get("TagSet", [])}
    if True:
        tags["app"] = "conduit"
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [
            {"Key": key, "Value": value} for key, value in tags.items()]})
        changes.append("tags")
    return changes

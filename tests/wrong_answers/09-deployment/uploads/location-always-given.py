# kind: rule
# why: passes a LocationConstraint in every region, us-east-1 too, where S3 refuses it
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
        s3.create_bucket(Bucket=name,
                         CreateBucketConfiguration={"LocationConstraint": region})
        changes.append("bucket")

    if s3.get_bucket_versioning(Bucket=name).get("Status") != "Enabled":
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        changes.append("versioning")

    blocked = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
               "RestrictPublicBuckets": True}
    found = missing(s3.get_public_access_block, "NoSuchPublicAccessBlockConfiguration")
    if found is None or found["PublicAccessBlockConfiguration"] != blocked:
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=blocked)
        changes.append("public access")

    rule = {"AllowedOrigins": list(origins), "AllowedMethods": ["GET", "PUT"],
            "AllowedHeaders": ["*"], "MaxAgeSeconds": 3600}
    found = missing(s3.get_bucket_cors, "NoSuchCORSConfiguration")
    rules = [{key: value for key, value in each.items() if key != "ID"}
             for each in (found or {}).get("CORSRules", [])]
    if rules != [rule]:
        s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": [rule]})
        changes.append("cors")

    found = missing(s3.get_bucket_tagging, "NoSuchTagSet")
    tags = {tag["Key"]: tag["Value"] for tag in (found or {}).get("TagSet", [])}
    if tags.get("app") != "conduit":
        tags["app"] = "conduit"
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [
            {"Key": key, "Value": value} for key, value in tags.items()]})
        changes.append("tags")
    return changes

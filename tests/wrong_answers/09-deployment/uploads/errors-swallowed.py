# kind: catch-all
# why: wraps everything in try/except and returns what it did so far, hiding that get_bucket_cors raised
def ensure_uploads(s3, name, origins):
    """Make the bucket ``name`` match the uploads bucket's description; the list of what
    was changed (``[]`` when nothing had to be)."""
    changes = []
    try:
        if name not in {bucket["Name"] for bucket in s3.list_buckets()["Buckets"]}:
            s3.create_bucket(Bucket=name, CreateBucketConfiguration={
                "LocationConstraint": s3.meta.region_name})
            changes.append("bucket")
        if s3.get_bucket_versioning(Bucket=name).get("Status") != "Enabled":
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
            changes.append("versioning")
        blocked = {"BlockPublicAcls": True, "IgnorePublicAcls": True,
                   "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=blocked)
        changes.append("public access")
        rule = {"AllowedOrigins": list(origins), "AllowedMethods": ["GET", "PUT"],
                "AllowedHeaders": ["*"], "MaxAgeSeconds": 3600}
        if s3.get_bucket_cors(Bucket=name)["CORSRules"] != [rule]:
            s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": [rule]})
            changes.append("cors")
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": "app",
                                                               "Value": "conduit"}]})
        changes.append("tags")
    except Exception:
        pass
    return changes

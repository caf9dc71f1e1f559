def core_jobs():
    return []

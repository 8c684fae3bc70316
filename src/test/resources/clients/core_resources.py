# Drives the Python client that OpenAPI Generator makes from /openapi.json (python-pydantic-v1),
# the way a product would: page through candidates, read one, its applications, jobs and
# users, the lookups, and create a candidate. Prints one JSON line per integration for
# GeneratedPythonClientTest.
import json
import os
import time

import switchboard_client
from switchboard_client.api.applications_api import ApplicationsApi
from switchboard_client.api.candidates_api import CandidatesApi
from switchboard_client.api.jobs_api import JobsApi
from switchboard_client.api.users_api import UsersApi
from switchboard_client.api.departments_api import DepartmentsApi
from switchboard_client.api.offices_api import OfficesApi
from switchboard_client.api.tags_api import TagsApi
from switchboard_client.api.reject_reasons_api import RejectReasonsApi
from switchboard_client.exceptions import ApiException
from switchboard_client.models.candidate_create_request import CandidateCreateRequest

config = switchboard_client.Configuration(host=os.environ["SWITCHBOARD"], access_token=os.environ["TOKEN"])
client = switchboard_client.ApiClient(config)
candidates, applications = CandidatesApi(client), ApplicationsApi(client)
jobs, users = JobsApi(client), UsersApi(client)
lookups = {"departments": DepartmentsApi(client).list_departments, "offices": OfficesApi(client).list_offices,
           "tags": TagsApi(client).list_tags, "reject_reasons": RejectReasonsApi(client).list_reject_reasons}


def status(call):
    try:
        call()
        return 200
    except ApiException as e:
        return e.status


def walk(integration, account):
    ids, cursor = [], ""
    while True:
        page = candidates.list_candidates(integrated_account_id=account, limit=7, next_cursor=cursor)
        ids.extend(c.id for c in page.result)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    first = candidates.get_candidate(ids[0], integrated_account_id=account)
    apps = status(lambda: applications.list_applications(integrated_account_id=account, candidate_id=ids[0]))
    email = "py-client-%d@example.com" % int(time.time() * 1000)
    created = 201
    try:
        candidates.create_candidate(integrated_account_id=account, candidate_create_request=CandidateCreateRequest.from_dict(
            {"first_name": "Ada", "last_name": "Python", "emails": [{"email": email}]}))
    except ApiException as e:
        created = e.status
    return {"integration": integration, "listed": len(ids), "distinct": len(set(ids)), "got": first.id == ids[0],
            "applications": apps, "jobs": len(jobs.list_jobs(integrated_account_id=account).result),
            "users": len(users.list_users(integrated_account_id=account).result), "created": created,
            "lookups": {name: status(lambda: lister(integrated_account_id=account)) for name, lister in lookups.items()}}


for integration, account in json.loads(os.environ["ACCOUNTS"]).items():
    print(json.dumps(walk(integration, account)), flush=True)

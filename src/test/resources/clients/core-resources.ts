// Drives the TypeScript client that OpenAPI Generator makes from /openapi.json, the way a
// product would: page through candidates, read one, its applications, the users, the lookups,
// and create a candidate. Prints one JSON line per integration for GeneratedTypeScriptClientTest.
// Node's own globals, declared here rather than installing @types/node.
declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

import {
  Configuration, CandidatesApi, ApplicationsApi, UsersApi, JobsApi, DepartmentsApi, OfficesApi, TagsApi,
  RejectReasonsApi, ResponseError,
} from './client/index';

const config = new Configuration({
  basePath: process.env.SWITCHBOARD!,
  headers: { Authorization: `Bearer ${process.env.TOKEN}` },
});
const candidates = new CandidatesApi(config);
const applications = new ApplicationsApi(config);
const users = new UsersApi(config);
const jobs = new JobsApi(config);
const departments = new DepartmentsApi(config);
const offices = new OfficesApi(config);
const tags = new TagsApi(config);
const rejectReasons = new RejectReasonsApi(config);

async function status(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (e) {
    if (e instanceof ResponseError) return e.response.status;
    throw e;
  }
}

async function walk(integration: string, account: string) {
  const ids: string[] = [];
  let cursor: string | undefined = '';
  do {
    const page = await candidates.listCandidates({ integratedAccountId: account, limit: 7, nextCursor: cursor });
    ids.push(...page.result.map((c) => c.id!));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const first = await candidates.getCandidate({ id: ids[0], integratedAccountId: account });
  const apps = await status(() => applications.listApplications({ integratedAccountId: account, candidateId: ids[0] }));
  const jobList = await jobs.listJobs({ integratedAccountId: account });
  const userList = await users.listUsers({ integratedAccountId: account });
  const email = `ts-client-${Date.now()}@example.com`;
  let created = 0;
  try {
    await candidates.createCandidate({
      integratedAccountId: account,
      candidateCreateRequest: { firstName: 'Ada', lastName: 'Client', emails: [{ email }] },
    });
    created = 201;
  } catch (e) {
    if (!(e instanceof ResponseError)) throw e;
    created = e.response.status;
  }
  const lookups = {
    departments: await status(() => departments.listDepartments({ integratedAccountId: account })),
    offices: await status(() => offices.listOffices({ integratedAccountId: account })),
    tags: await status(() => tags.listTags({ integratedAccountId: account })),
    reject_reasons: await status(() => rejectReasons.listRejectReasons({ integratedAccountId: account })),
  };
  return {
    integration, listed: ids.length, distinct: new Set(ids).size, got: first.id === ids[0],
    applications: apps, jobs: jobList.result.length, users: userList.result.length, created, lookups,
  };
}

async function main() {
  const accounts: Record<string, string> = JSON.parse(process.env.ACCOUNTS!);
  for (const [integration, account] of Object.entries(accounts)) {
    console.log(JSON.stringify(await walk(integration, account)));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

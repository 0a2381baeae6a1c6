// The hiring context's use cases over its own schema. Rules live in domain/ and kinds/; this file
// loads, decides with them, and stores.
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { z } from 'zod';
import { DomainError, isUniqueViolation, newId, newToken, type CandidateCaller, type Caller, type Platform } from '@mcf/kernel';
import type { HiringDB } from './db/schema.ts';
import { applicationInput, canMove, contactKey, isEmail, KIND_ACCEPTANCE, KIND_REJECTION, type ApplicationInput, type Status } from './domain/application.ts';
import { histogram, passes, summarise } from './domain/cutoff.ts';
import { checkPhoto } from './domain/photo.ts';
import { signChallenge, verifyProof } from './domain/pow.ts';
import { combineTraits, cutoffRule, screeningConfigSchema, scoreTraits, type ScreeningConfig, type Traits } from './domain/scoring.ts';
import { candidateAccepted, candidateRejected, HIRING, pipelineChanged } from './events.ts';
import { KindInputError, type KindRegistry, type TestKind } from './kinds/index.ts';

export const CANDIDATE_TOKEN_PREFIX = 'mcfc';
const hashToken = (t: string) => createHash('sha256').update(t).digest('base64url');

/** What hiring needs of accounts (its public facade), as a port. */
export interface AccountsPort {
  createAccount(i: { role: 'worker'; email: string; name: string; password: null; id: string }): Promise<string>;
  get(id: string): Promise<{ id: string } | null>;
  findByEmail(email: string): Promise<{ id: string } | null>;
}

export interface HiringOptions {
  powBits: number;
  challengeTtlMs: number;
  candidateTtlMs: number;
  secret: string | null;
}

type Db = Kysely<HiringDB>;
type Trx = Transaction<HiringDB>;
type TestRow = Selectable<HiringDB['test']>;

const fail = (code: DomainError['code'], message: string): never => {
  throw new DomainError(code, message);
};

export class HiringService {
  private secret: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly platform: Platform,
    private readonly kinds: KindRegistry,
    private readonly accounts: AccountsPort,
    readonly options: HiringOptions,
  ) {}

  private now() {
    return this.platform.clock.now();
  }

  /** The HMAC key for challenges: MCF_HIRING_SECRET, or one kept in the database (shared by all processes). */
  private getSecret(): Promise<string> {
    this.secret ??= (async () => {
      if (this.options.secret) return this.options.secret;
      await this.db
        .insertInto('setting')
        .values({ key: 'pow_secret', value: JSON.stringify(randomBytes(32).toString('base64url')) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await this.db.selectFrom('setting').select('value').where('key', '=', 'pow_secret').executeTakeFirstOrThrow();
      return row.value as unknown as string;
    })().catch((e) => {
      this.secret = null;
      throw e;
    });
    return this.secret;
  }

  // ---------------------------------------------------------------- public: applying

  async challenge() {
    const expiresAt = this.now().getTime() + this.options.challengeTtlMs;
    const challenge = signChallenge(await this.getSecret(), { id: randomBytes(12).toString('base64url'), bits: this.options.powBits, expiresAt });
    return { challenge, bits: this.options.powBits, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Checks the proof of work (one HMAC, one SHA-256): cheap, so it runs before anything costly and
   * junk never takes a slot or the global budget. Returns the challenge to mark as used.
   */
  async checkProof(input: ApplicationInput): Promise<{ id: string; expiresAt: number } | null> {
    if (this.options.powBits <= 0) return null;
    if (!input.proof) fail('BAD_REQUEST', 'proof: is required (ask hiring.challenge for a challenge and solve it)');
    const v = verifyProof(await this.getSecret(), input.proof!.challenge, input.proof!.nonce, this.now().getTime(), this.options.powBits);
    if (!v.ok) fail('BAD_REQUEST', `proof: ${v.reason}`);
    return v.ok ? { id: v.challenge.id, expiresAt: v.challenge.expiresAt } : null;
  }

  /**
   * Stores an application whose proof `checkProof` accepted (the router runs this in a bounded slot).
   * `photo`: the checked photo (the router checks it, so PAYLOAD_TOO_LARGE keeps its code).
   */
  async apply(input: ApplicationInput, address: string, photo: { mimeType: string; bytes: Buffer } | null, proof: { id: string; expiresAt: number } | null) {
    if (input.photo && !photo) {
      const p = checkPhoto(input.photo);
      if (!p.ok) fail('BAD_REQUEST', p.message);
      else photo = p;
    }
    const challengeId = proof?.id ?? null;
    const challengeExpiry = proof?.expiresAt ?? 0;
    const id = newId();
    const key = contactKey(input.contact);
    try {
      await this.db.transaction().execute(async (trx) => {
        if (challengeId) {
          const used = await trx.insertInto('used_challenge').values({ id: challengeId, expires_at: new Date(challengeExpiry) }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
          if (!used) fail('CONFLICT', 'This form check was already used; submit again');
        }
        await trx
          .insertInto('application')
          .values({
            id,
            name: input.name,
            age: input.age,
            breed: input.breed,
            coat_color: input.coatColor,
            contact: input.contact,
            contact_key: key,
            status: 'new',
            has_photo: !!photo,
            address,
            created_at: this.now(),
            contacted_at: null,
            traits: null,
            scored_at: null,
            decision: null,
            decision_score: null,
            config_version: null,
            decided_at: null,
            decided_by: null,
            worker_id: null,
          })
          .execute();
        if (photo) await trx.insertInto('photo').values({ application_id: id, mime_type: photo.mimeType, bytes: photo.bytes }).execute();
        await this.platform.events.publish(trx, HIRING, [pipelineChanged({ applicationId: id, status: 'new' })]);
      });
    } catch (e) {
      if (isUniqueViolation(e)) fail('CONFLICT', 'We already have your application from this contact; a manager will get in touch');
      throw e;
    }
    return { applicationId: id };
  }

  /** Forgets used challenges once they have expired anyway (scheduled). */
  async cleanup() {
    await this.db.deleteFrom('used_challenge').where('expires_at', '<', this.now()).execute();
  }

  // ---------------------------------------------------------------- managers: the pipeline

  testKinds() {
    return [...this.kinds.values()].map((k) => ({
      kind: k.kind,
      title: k.title,
      description: k.description,
      takenBy: k.takenBy,
      traits: [...k.traits],
      defaults: k.params.safeParse({}).success ? k.params.parse({}) : null,
      paramsSchema: jsonSchema(k),
    }));
  }

  async listApplications(status: Status | undefined, limit: number) {
    let q = this.db
      .selectFrom('application')
      .select(['id', 'name', 'age', 'breed', 'coat_color', 'contact', 'status', 'decision', 'has_photo', 'created_at', 'scored_at', 'decided_at', 'worker_id'])
      .orderBy('created_at', 'desc')
      .limit(limit);
    if (status) q = q.where('status', '=', status);
    const rows = await q.execute();
    const counts = await this.db.selectFrom('application').select(['status', (e) => e.fn.countAll<string>().as('n')]).groupBy('status').execute();
    const testCounts = rows.length
      ? await this.db
          .selectFrom('test')
          .select(['application_id', (e) => e.fn.countAll<string>().as('total'), sql<string>`count(*) filter (where state = 'done')`.as('done')])
          .where('application_id', 'in', rows.map((r) => r.id))
          .groupBy('application_id')
          .execute()
      : [];
    const tc = new Map(testCounts.map((t) => [t.application_id, { total: Number(t.total), done: Number(t.done) }]));
    return {
      counts: Object.fromEntries(['new', 'contacted', 'testing', 'decided'].map((s) => [s, Number(counts.find((c) => c.status === s)?.n ?? 0)])) as Record<Status, number>,
      applications: rows.map((r) => ({
        id: r.id,
        name: r.name,
        age: r.age,
        breed: r.breed,
        coatColor: r.coat_color,
        contact: r.contact,
        status: r.status,
        decision: r.decision,
        hasPhoto: r.has_photo,
        createdAt: r.created_at.toISOString(),
        testsDone: tc.get(r.id)?.done ?? 0,
        testsTotal: tc.get(r.id)?.total ?? 0,
        scored: r.scored_at !== null,
        workerId: r.worker_id && r.decision === 'accepted' ? r.worker_id : null,
      })),
    };
  }

  private async app(id: string, trx: Db | Trx = this.db, lock = false) {
    let q = trx.selectFrom('application').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    const a = await q.executeTakeFirst();
    if (!a) fail('NOT_FOUND', 'Application not found');
    return a!;
  }

  async application(id: string) {
    const a = await this.app(id);
    const tests = await this.db.selectFrom('test').selectAll().where('application_id', '=', id).orderBy('position').execute();
    const { version, config } = await this.activeConfig();
    const candidate = await this.db.selectFrom('candidate').select(['expires_at']).where('application_id', '=', id).executeTakeFirst();
    return {
      id: a.id,
      name: a.name,
      age: a.age,
      breed: a.breed,
      coatColor: a.coat_color,
      contact: a.contact,
      status: a.status,
      hasPhoto: a.has_photo,
      createdAt: a.created_at.toISOString(),
      contactedAt: a.contacted_at?.toISOString() ?? null,
      portalExpiresAt: candidate?.expires_at.toISOString() ?? null,
      tests: tests.map((t) => ({
        id: t.id,
        kind: t.kind,
        title: this.kinds.get(t.kind)?.title ?? t.kind,
        takenBy: this.kinds.get(t.kind)?.takenBy ?? 'candidate',
        params: t.params,
        state: t.state,
        startedAt: t.started_at?.toISOString() ?? null,
        submittedAt: t.submitted_at?.toISOString() ?? null,
        traits: t.traits,
        summary: t.summary,
      })),
      traits: a.traits,
      /** The score under the active configuration (or under the one used, once decided). */
      score: a.traits ? (a.decision ? a.decision_score : scoreTraits(a.traits as Traits, config.weights)) : null,
      activeConfigVersion: version,
      decision: a.decision ? { decision: a.decision, score: a.decision_score, configVersion: a.config_version, decidedAt: a.decided_at?.toISOString() ?? null, workerId: a.decision === 'accepted' ? a.worker_id : null } : null,
    };
  }

  async photo(id: string) {
    await this.app(id);
    const p = await this.db.selectFrom('photo').selectAll().where('application_id', '=', id).executeTakeFirst();
    return p ? { mimeType: p.mime_type, dataBase64: p.bytes.toString('base64') } : null;
  }

  async markContacted(id: string) {
    await this.db.transaction().execute(async (trx) => {
      const a = await this.app(id, trx, true);
      if (a.status !== 'new') fail('CONFLICT', `The application is already ${a.status}`);
      await trx.updateTable('application').set({ status: 'contacted', contacted_at: this.now() }).where('id', '=', id).execute();
      await this.platform.events.publish(trx, HIRING, [pipelineChanged({ applicationId: id, status: 'contacted' })]);
    });
    return { status: 'contacted' as const };
  }

  /** Validates each test's kind and parameters; errors name the field (`tests.1.params.rounds`). */
  private parseTests(tests: { kind: string; params?: unknown }[]) {
    return tests.map((t, i) => {
      const kind = this.kinds.get(t.kind);
      if (!kind) fail('BAD_REQUEST', `tests.${i}.kind: unknown kind "${t.kind}" (installed: ${[...this.kinds.keys()].join(', ')})`);
      const p = kind!.params.safeParse(t.params ?? {});
      if (!p.success) {
        const issue = p.error.issues[0];
        fail('BAD_REQUEST', `tests.${i}.params${issue.path.length ? '.' + issue.path.join('.') : ''}: ${issue.message}`);
      }
      return { kind: kind!, params: p.data };
    });
  }

  async assignTests(applicationId: string, tests: { kind: string; params?: unknown }[], managerId: string) {
    const parsed = this.parseTests(tests);
    const token = newToken(CANDIDATE_TOKEN_PREFIX);
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      const a = await this.app(applicationId, trx, true);
      if (!canMove(a.status, 'testing')) fail('CONFLICT', 'The application is already decided');
      const last = await trx.selectFrom('test').select((e) => e.fn.max('position').as('p')).where('application_id', '=', applicationId).executeTakeFirst();
      const start = (last?.p ?? -1) + 1;
      await trx
        .insertInto('test')
        .values(
          parsed.map((t, i) => ({
            id: newId(),
            application_id: applicationId,
            position: start + i,
            kind: t.kind.kind,
            params: JSON.stringify(t.params),
            seed: randomBytes(12).toString('base64url'),
            state: 'assigned' as const,
            assigned_by: managerId,
            assigned_at: now,
            started_at: null,
            submitted_at: null,
            answer: null,
            traits: null,
            summary: null,
          })),
        )
        .execute();
      // A new link replaces the old one (the old link stops working).
      const expires = new Date(now.getTime() + this.options.candidateTtlMs);
      await trx
        .insertInto('candidate')
        .values({ id: newId(), application_id: applicationId, token_hash: hashToken(token), expires_at: expires })
        .onConflict((oc) => oc.column('application_id').doUpdateSet({ token_hash: hashToken(token), expires_at: expires }))
        .execute();
      // New tests are open: the candidate is not scored until they are done.
      await trx.updateTable('application').set({ status: 'testing', traits: null, scored_at: null }).where('id', '=', applicationId).execute();
      await this.platform.events.publish(trx, HIRING, [pipelineChanged({ applicationId, status: 'testing' })]);
    });
    return { candidateToken: token, portalPath: `/candidate?token=${encodeURIComponent(token)}` };
  }

  /** A fresh personal link for the same tests (the old link stops working), e.g. when it was lost. */
  async newLink(applicationId: string) {
    const token = newToken(CANDIDATE_TOKEN_PREFIX);
    const expires = new Date(this.now().getTime() + this.options.candidateTtlMs);
    const a = await this.app(applicationId);
    if (a.status === 'decided') fail('CONFLICT', 'The application is already decided');
    const r = await this.db.updateTable('candidate').set({ token_hash: hashToken(token), expires_at: expires }).where('application_id', '=', applicationId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) fail('CONFLICT', 'Assign tests first');
    return { candidateToken: token, portalPath: `/candidate?token=${encodeURIComponent(token)}` };
  }

  // ---------------------------------------------------------------- candidates: the portal

  async authenticate(token: string): Promise<Caller | null> {
    if (!token.startsWith(`${CANDIDATE_TOKEN_PREFIX}_`) || token.length > 100) return null;
    const row = await this.db
      .selectFrom('candidate')
      .select(['id', 'application_id'])
      .where('token_hash', '=', hashToken(token))
      .where('expires_at', '>', this.now())
      .executeTakeFirst();
    return row ? { kind: 'candidate', candidateId: row.id, applicationId: row.application_id } : null;
  }

  async candidateMe(c: CandidateCaller) {
    const a = await this.app(c.applicationId);
    const tests = await this.db.selectFrom('test').select(['id', 'kind', 'state', 'started_at']).where('application_id', '=', c.applicationId).orderBy('position').execute();
    return {
      name: a.name,
      status: a.status === 'decided' ? ('decided' as const) : ('testing' as const),
      message: a.decision === 'accepted' ? KIND_ACCEPTANCE : a.decision === 'rejected' ? KIND_REJECTION : null,
      tests: tests.map((t) => {
        const k = this.kinds.get(t.kind);
        return { id: t.id, kind: t.kind, title: k?.title ?? t.kind, description: k?.description ?? '', takenBy: k?.takenBy ?? 'candidate', state: t.state, startedAt: t.started_at?.toISOString() ?? null };
      }),
    };
  }

  /** A test of this candidate, or FORBIDDEN (the same answer whether it exists elsewhere or not). */
  private async ownTest(trx: Db | Trx, c: CandidateCaller, testId: string, lock = false) {
    let q = trx.selectFrom('test').selectAll().where('id', '=', testId).where('application_id', '=', c.applicationId);
    if (lock) q = q.forUpdate();
    const t = await q.executeTakeFirst();
    if (!t) fail('FORBIDDEN', 'This is not one of your tests');
    return t!;
  }

  private kindOf(kind: string): TestKind {
    const k = this.kinds.get(kind);
    if (!k) fail('CONFLICT', `The kind of test "${kind}" is no longer installed`);
    return k!;
  }

  async candidateStart(c: CandidateCaller, testId: string) {
    return this.db.transaction().execute(async (trx) => {
      const t = await this.ownTest(trx, c, testId, true);
      const a = await this.app(c.applicationId, trx);
      if (a.status === 'decided') fail('CONFLICT', 'Your tests are closed');
      const k = this.kindOf(t.kind);
      if (t.state === 'done') fail('CONFLICT', 'You have already finished this test');
      let startedAt = t.started_at;
      if (k.takenBy === 'candidate' && !startedAt) {
        startedAt = this.now();
        await trx.updateTable('test').set({ state: 'started', started_at: startedAt }).where('id', '=', t.id).execute();
      }
      return { testId: t.id, kind: t.kind, title: k.title, takenBy: k.takenBy, startedAt: startedAt?.toISOString() ?? null, view: k.present(t.params as never, t.seed) };
    });
  }

  async candidateSubmit(c: CandidateCaller, testId: string, answer: unknown) {
    return this.db.transaction().execute(async (trx) => {
      const t = await this.ownTest(trx, c, testId, true);
      const k = this.kindOf(t.kind);
      if (k.takenBy !== 'candidate') fail('FORBIDDEN', 'A manager records the result of this test');
      if (t.state === 'assigned') fail('CONFLICT', 'Open the test before answering it');
      await this.record(trx, t, k, answer);
      return { state: 'done' as const };
    });
  }

  /** A manager records the answer of a manager-scored test (e.g. interview ratings). */
  async recordResult(testId: string, answer: unknown) {
    return this.db.transaction().execute(async (trx) => {
      const t = await trx.selectFrom('test').selectAll().where('id', '=', testId).forUpdate().executeTakeFirst();
      if (!t) fail('NOT_FOUND', 'Test not found');
      const k = this.kindOf(t!.kind);
      if (k.takenBy !== 'manager') fail('CONFLICT', 'The candidate takes this test in the portal');
      const scored = await this.record(trx, t!, k, answer);
      return { state: 'done' as const, traits: scored.traits, summary: scored.summary };
    });
  }

  private async record(trx: Trx, t: TestRow, k: TestKind, answer: unknown) {
    if (t.state === 'done') fail('CONFLICT', 'This test is already finished');
    const a = await this.app(t.application_id, trx, true);
    if (a.status === 'decided') fail('CONFLICT', 'This application is already decided');
    const parsed = k.answer.safeParse(answer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail('BAD_REQUEST', `answer${issue.path.length ? '.' + issue.path.join('.') : ''}: ${issue.message}`);
    }
    const submittedAt = this.now();
    let scored;
    try {
      scored = k.score(t.params as never, parsed.data, { seed: t.seed, startedAt: t.started_at, submittedAt });
    } catch (e) {
      if (e instanceof KindInputError) fail('BAD_REQUEST', e.message);
      throw e;
    }
    const traits = combineTraits([scored!.traits]);
    await trx
      .updateTable('test')
      .set({ state: 'done', submitted_at: submittedAt, answer: JSON.stringify(parsed.data), traits: JSON.stringify(traits), summary: scored!.summary })
      .where('id', '=', t.id)
      .execute();
    // Once every test is done the candidate joins the population.
    const open = await trx.selectFrom('test').select('id').where('application_id', '=', t.application_id).where('state', '<>', 'done').limit(1).executeTakeFirst();
    if (!open) {
      const all = await trx.selectFrom('test').select('traits').where('application_id', '=', t.application_id).execute();
      const combined = combineTraits(all.map((r) => r.traits as Traits));
      await trx.updateTable('application').set({ traits: JSON.stringify(combined), scored_at: submittedAt }).where('id', '=', t.application_id).execute();
    }
    return { traits, summary: scored!.summary };
  }

  // ---------------------------------------------------------------- decisions

  async activeConfig(trx: Db | Trx = this.db): Promise<{ version: number; config: ScreeningConfig }> {
    const s = await trx.selectFrom('setting').select('value').where('key', '=', 'active_config_version').executeTakeFirstOrThrow();
    return this.config(Number(s.value), trx);
  }

  async config(version: number, trx: Db | Trx = this.db) {
    const row = await trx.selectFrom('screening_config').selectAll().where('version', '=', version).executeTakeFirst();
    if (!row) fail('NOT_FOUND', `Configuration version ${version} not found`);
    return { version: row!.version, config: screeningConfigSchema.parse(row!.config), note: row!.note, createdAt: row!.created_at.toISOString(), createdBy: row!.created_by };
  }

  /** The population: everyone whose tests are all scored, with the score under `config`. */
  async population(config: ScreeningConfig, trx: Db | Trx = this.db) {
    const rows = await trx.selectFrom('application').select(['id', 'name', 'traits', 'decision']).where('traits', 'is not', null).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, decision: r.decision, score: scoreTraits(r.traits as Traits, config.weights) }));
  }

  async decide(applicationId: string, managerId: string) {
    const first = await this.app(applicationId);
    if (first.status === 'decided') fail('CONFLICT', `This application is already decided (${first.decision})`);
    if (!first.traits) {
      const n = await this.db.selectFrom('test').select('id').where('application_id', '=', applicationId).limit(1).executeTakeFirst();
      fail('CONFLICT', n ? 'Some tests are not finished yet' : 'Assign tests before deciding');
    }
    const { version, config } = await this.activeConfig();
    const pop = await this.population(config);
    const mine = pop.find((p) => p.id === applicationId)!;
    // A worker id reserved by an earlier, interrupted attempt means that attempt accepted the cat (and
    // may have created its account): the retry finishes that decision rather than contradicting it.
    const accepted = first.worker_id !== null || passes(pop.map((p) => p.score), mine.score, cutoffRule(config));

    let workerId: string | null = null;
    if (accepted) {
      // Reserve the worker's id first: a retried decision then creates (or finds) the same account.
      const reserved = await this.db
        .updateTable('application')
        .set({ worker_id: sql`coalesce(worker_id, ${newId()}::uuid)` })
        .where('id', '=', applicationId)
        .returning('worker_id')
        .executeTakeFirstOrThrow();
      workerId = reserved.worker_id!;
      await this.ensureWorkerAccount(workerId, first);
    }

    await this.db.transaction().execute(async (trx) => {
      const a = await this.app(applicationId, trx, true);
      if (a.status === 'decided') fail('CONFLICT', `This application is already decided (${a.decision})`);
      await trx
        .updateTable('application')
        .set({ status: 'decided', decision: accepted ? 'accepted' : 'rejected', decision_score: mine.score, config_version: version, decided_at: this.now(), decided_by: managerId })
        .where('id', '=', applicationId)
        .execute();
      const traits = a.traits as Traits;
      await this.platform.events.publish(trx, HIRING, [
        pipelineChanged({ applicationId, status: 'decided' }),
        accepted
          ? candidateAccepted({ applicationId, workerId: workerId!, name: a.name, traits, age: a.age, breed: a.breed, coatColor: a.coat_color, hasPhoto: a.has_photo, configVersion: version })
          : candidateRejected({ applicationId, configVersion: version }),
      ]);
    });
    return {
      decision: accepted ? ('accepted' as const) : ('rejected' as const),
      ...(accepted ? { workerId: workerId! } : {}),
      score: mine.score,
      configVersion: version,
      message: accepted ? KIND_ACCEPTANCE : KIND_REJECTION,
    };
  }

  private async ensureWorkerAccount(workerId: string, a: { id: string; name: string; contact: string }) {
    if (await this.accounts.get(workerId)) return;
    const synthetic = `worker-${a.id}@workers.mcf.local`;
    const email = isEmail(a.contact) && !(await this.accounts.findByEmail(a.contact)) ? a.contact : synthetic;
    try {
      await this.accounts.createAccount({ id: workerId, role: 'worker', email, name: a.name, password: null });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (await this.accounts.get(workerId)) return; // a concurrent decision created it
      await this.accounts.createAccount({ id: workerId, role: 'worker', email: synthetic, name: a.name, password: null });
    }
  }

  /** The profile a worker was hired with (for matching and the admin app). */
  async workerProfile(workerId: string) {
    const a = await this.db.selectFrom('application').selectAll().where('worker_id', '=', workerId).where('decision', '=', 'accepted').executeTakeFirst();
    if (!a) return null;
    return { workerId, applicationId: a.id, name: a.name, age: a.age, breed: a.breed, coatColor: a.coat_color, hasPhoto: a.has_photo, traits: a.traits as Traits };
  }

  // ---------------------------------------------------------------- configuration versions

  async listConfigs() {
    const rows = await this.db.selectFrom('screening_config').selectAll().orderBy('version').execute();
    const { version } = await this.activeConfig();
    const used = await this.db.selectFrom('application').select(['config_version', (e) => e.fn.countAll<string>().as('n')]).where('config_version', 'is not', null).groupBy('config_version').execute();
    return rows.map((r) => ({
      version: r.version,
      config: r.config as ScreeningConfig,
      note: r.note,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by,
      active: r.version === version,
      decisions: Number(used.find((u) => u.config_version === r.version)?.n ?? 0),
    }));
  }

  async createConfig(config: ScreeningConfig, note: string, managerId: string, activate: boolean) {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('screening_config').values({ config: JSON.stringify(config), note, created_by: managerId }).returning('version').executeTakeFirstOrThrow();
      if (activate) await trx.updateTable('setting').set({ value: JSON.stringify(row.version) }).where('key', '=', 'active_config_version').execute();
      return { version: row.version, active: activate };
    });
  }

  async activateConfig(version: number) {
    await this.config(version);
    await this.db.updateTable('setting').set({ value: JSON.stringify(version) }).where('key', '=', 'active_config_version').execute();
    return { version, active: true };
  }

  /** The cut-off and the distribution under one version (the active one by default). */
  async distribution(version?: number, bins = 20) {
    const c = version ? await this.config(version) : await this.activeConfig();
    const pop = await this.population(c.config);
    const scores = pop.map((p) => p.score);
    const s = summarise(scores, cutoffRule(c.config));
    return {
      version: c.version,
      cutoffPercent: c.config.cutoffPercent,
      minScore: c.config.minScore,
      ...s,
      histogram: histogram(scores, bins),
    };
  }

  /** How two versions would judge the same population: who passes under each, and who changes side. */
  async compare(a: number, b: number) {
    const [ca, cb] = await Promise.all([this.config(a), this.config(b)]);
    const [pa, pb] = await Promise.all([this.population(ca.config), this.population(cb.config)]);
    const passSet = (pop: typeof pa, c: ScreeningConfig) => {
      const sum = summarise(pop.map((p) => p.score), cutoffRule(c));
      return { sum, ids: new Set(sum.cutoffScore === null ? [] : pop.filter((p) => p.score >= sum.cutoffScore!).map((p) => p.id)) };
    };
    const A = passSet(pa, ca.config);
    const B = passSet(pb, cb.config);
    const names = new Map(pa.map((p) => [p.id, p.name]));
    const only = (x: Set<string>, y: Set<string>) => [...x].filter((id) => !y.has(id)).map((id) => ({ applicationId: id, name: names.get(id) ?? '' }));
    return {
      population: pa.length,
      a: { version: a, ...A.sum },
      b: { version: b, ...B.sum },
      passBoth: [...A.ids].filter((id) => B.ids.has(id)).length,
      onlyA: only(A.ids, B.ids),
      onlyB: only(B.ids, A.ids),
    };
  }
}

function jsonSchema(k: TestKind): unknown {
  try {
    return z.toJSONSchema(k.params, { io: 'input', unrepresentable: 'any' });
  } catch {
    return null;
  }
}

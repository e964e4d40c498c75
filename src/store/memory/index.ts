// The store in memory: the same contract as the SQLite store (test/store/contract.ts), for unit tests
// of what is built on the store. Nothing outlives the process. A transaction works on a copy and swaps
// it in when it commits, so readers never see half of one and a failed one leaves nothing behind.

import type { Approval } from '../../core/approval.js';
import type { Grant } from '../../core/grant.js';
import { matches, type AuditEntry, type AuditFilter, type AuditRecord, type VerifyReport } from '../audit.js';
import { chainHash, entryOf, hmacOf, keyChange, keyFingerprint, recordOf, seal, verifyRows, type SealedEntry } from '../chain.js';
import { Doorbell, follow, type OutboxSource } from '../feed.js';
import { TransactionAborted, type ApprovalQuery, type Delivered, type DomainEvent, type Feed, type Place, type Store, type StoreView, type Transaction, type TransactionOptions } from '../store.js';

/** Everything one memory store holds; shared by the handles `another()` makes, as processes share a file. */
interface State {
  entries: SealedEntry[];
  /** The fingerprint of the key the newest entry was sealed with. */
  sealedWith: string | undefined;
  approvals: Map<string, Approval>;
  grants: Map<string, Grant>;
  outbox: Delivered[];
  bells: Set<Doorbell>;
  /** The end of the queue of transactions: one runs at a time. */
  queue: Promise<unknown>;
}

export interface MemoryStoreOptions {
  key?: Buffer | null;
}

export class MemoryStore implements Store {
  readonly feed: Feed;
  private readonly key: Buffer | null;

  constructor(
    options: MemoryStoreOptions = {},
    private readonly state: State = { entries: [], sealedWith: undefined, approvals: new Map(), grants: new Map(), outbox: [], bells: new Set(), queue: Promise.resolve() },
  ) {
    this.key = options.key ?? null;
    const outbox: OutboxSource = { last: async () => this.state.outbox.at(-1)?.position ?? 0, after: async (position) => this.state.outbox.filter((d) => d.position > position) };
    this.feed = {
      last: outbox.last,
      since: outbox.after,
      subscribe: (options) => {
        const bell = new Doorbell();
        this.state.bells.add(bell);
        return follow(outbox, bell, {
          ...options,
          end: () => this.state.bells.delete(bell),
        });
      },
    };
  }

  /** A second handle on the same store, as a second process opening the same database would have. */
  another(): MemoryStore {
    return new MemoryStore({ key: this.key }, this.state);
  }

  append(record: AuditRecord): Promise<AuditEntry> {
    return this.transaction((tx) => tx.append(record));
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const run = async () => {
      if (options.signal?.aborted) throw new TransactionAborted();
      const draft = new Draft(this.state, this.key);
      const result = await work(draft);
      if (options.signal?.aborted) throw new TransactionAborted();
      draft.commit();
      for (const bell of this.state.bells) bell.ring();
      return result;
    };
    const done = this.state.queue.then(run, run);
    this.state.queue = done.catch(() => undefined);
    return done;
  }

  entries(filter?: AuditFilter): Promise<AuditEntry[]> {
    return view(this.state, this.key).entries(filter);
  }
  newest(): Promise<Place> {
    return view(this.state, this.key).newest();
  }
  hashAt(seq: number): Promise<string | undefined> {
    return view(this.state, this.key).hashAt(seq);
  }
  intactRecord(seq: number): Promise<AuditRecord | null> {
    return view(this.state, this.key).intactRecord(seq);
  }
  transitionsSince(id: string, seq: number): Promise<string[]> {
    return view(this.state, this.key).transitionsSince(id, seq);
  }
  recordsAbout(id: string): Promise<{ seq: number; record: AuditRecord }[]> {
    return view(this.state, this.key).recordsAbout(id);
  }
  approval(id: string): Promise<Approval | null> {
    return view(this.state, this.key).approval(id);
  }
  approvals(query?: ApprovalQuery): Promise<Approval[]> {
    return view(this.state, this.key).approvals(query);
  }
  grants(): Promise<Grant[]> {
    return view(this.state, this.key).grants();
  }

  async verify(): Promise<VerifyReport> {
    const rows = this.state.entries.map((e) => ({ seq: e.seq, ts: e.ts, body: e.body, prev_hash: e.prevHash, hash: e.hash, hmac: e.hmac ?? null }));
    const last = this.state.entries.at(-1);
    return verifyRows(rows, {
      key: this.key,
      head: last ? { seq: last.seq, hash: last.hash, ...(this.state.sealedWith ? { key: this.state.sealedWith } : {}) } : null,
      approvals: [...this.state.approvals.values()].map((a) => ({ id: a.id, status: a.status, fingerprint: a.fingerprint, request: JSON.stringify(a.request), expiresAt: a.expiresAt })),
      grants: [...this.state.grants.values()].map((grant) => ({ id: grant.id, grant })),
    });
  }

  async close(): Promise<void> {
    // Nothing to let go of: the state lives as long as some handle refers to it.
  }
}

const copy = <T>(value: T): T => structuredClone(value);

/** The reads, over whatever state is given: the committed one, or a transaction's draft. */
function view(state: Pick<State, 'entries' | 'approvals' | 'grants'>, key: Buffer | null): StoreView {
  return {
    async entries(filter = {}) {
      const out = state.entries.map(entryOf).filter((e) => matches(e, filter));
      return filter.limit ? out.slice(-filter.limit) : out;
    },
    async newest() {
      const last = state.entries.at(-1);
      return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: '' };
    },
    async hashAt(seq) {
      return state.entries.find((e) => e.seq === seq)?.hash;
    },
    async intactRecord(seq) {
      const e = state.entries.find((x) => x.seq === seq);
      if (!e || chainHash(e.prevHash, e.body) !== e.hash || (key && e.hmac !== hmacOf(key, e.hash))) return null;
      return recordOf(e.body);
    },
    async recordsAbout(id) {
      const out: { seq: number; record: AuditRecord }[] = [];
      for (const e of state.entries) {
        const record = await this.intactRecord(e.seq);
        if (record?.detail?.id === id) out.push({ seq: e.seq, record });
      }
      return out;
    },
    async transitionsSince(id, seq) {
      return state.entries
        .filter((e) => e.seq > seq)
        .map((e) => recordOf(e.body))
        .filter((r) => r?.kind === 'approval' && r.detail?.id === id)
        .map((r) => String(r!.detail!.transition));
    },
    async approval(id) {
      const a = state.approvals.get(id);
      return a ? copy(a) : null;
    },
    async approvals(query: ApprovalQuery = {}) {
      return [...state.approvals.values()]
        .filter(
          (a) =>
            (query.fingerprint === undefined || a.fingerprint === query.fingerprint) &&
            (!query.status || query.status.includes(a.status)) &&
            (query.expiringBy === undefined || a.expiresAt <= query.expiringBy),
        )
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
        .map(copy);
    },
    async grants() {
      return [...state.grants.values()].map(copy);
    },
  };
}

/** One transaction: a copy of the state, swapped in by commit(). */
class Draft implements Transaction {
  private readonly log: SealedEntry[];
  private sealedWith: string | undefined;
  private readonly approvalsNow: Map<string, Approval>;
  private readonly grantsNow: Map<string, Grant>;
  private readonly events: DomainEvent[] = [];
  private readonly reads: StoreView;

  constructor(
    private readonly state: State,
    private readonly key: Buffer | null,
  ) {
    this.log = [...state.entries];
    this.sealedWith = state.sealedWith;
    this.approvalsNow = new Map([...state.approvals].map(([id, a]) => [id, copy(a)]));
    this.grantsNow = new Map([...state.grants].map(([id, g]) => [id, copy(g)]));
    this.reads = view({ entries: this.log, approvals: this.approvalsNow, grants: this.grantsNow }, key);
  }

  async append(record: AuditRecord): Promise<AuditEntry> {
    const now = Date.now();
    const last = (): Place => this.log.at(-1) ?? { seq: 0, hash: '' };
    const change = keyChange(this.sealedWith, this.log.length === 0, this.key);
    if (change) this.log.push(seal(change, last(), now, this.key));
    this.sealedWith = this.key ? keyFingerprint(this.key) : undefined;
    const entry = seal(record, last(), now, this.key);
    this.log.push(entry);
    return entryOf(entry);
  }

  async putApproval(approval: Approval): Promise<void> {
    this.approvalsNow.set(approval.id, copy(approval));
  }

  async putGrant(grant: Grant): Promise<void> {
    this.grantsNow.set(grant.id, copy(grant));
  }

  emit(event: DomainEvent): void {
    this.events.push(copy(event));
  }

  commit(): void {
    const at = Date.now();
    let position = this.state.outbox.at(-1)?.position ?? 0;
    this.state.entries = this.log;
    this.state.sealedWith = this.sealedWith;
    this.state.approvals = this.approvalsNow;
    this.state.grants = this.grantsNow;
    this.state.outbox.push(...this.events.map((event) => ({ position: ++position, at, event })));
  }

  entries = (filter?: AuditFilter) => this.reads.entries(filter);
  newest = () => this.reads.newest();
  hashAt = (seq: number) => this.reads.hashAt(seq);
  intactRecord = (seq: number) => this.reads.intactRecord(seq);
  transitionsSince = (id: string, seq: number) => this.reads.transitionsSince(id, seq);
  recordsAbout = (id: string) => this.reads.recordsAbout(id);
  approval = (id: string) => this.reads.approval(id);
  approvals = (query?: ApprovalQuery) => this.reads.approvals(query);
  grants = () => this.reads.grants();
}

/**
 * The branches of a session: each time something in the past is changed (a
 * scheduling choice, an injected interrupt, the code) the old future is kept
 * as a branch one can return to. A branch is remembered by what reproduces
 * it: its program (and sources) and its recording, plus where the machine
 * was in it and how far it ran.
 */
import type { Recording } from '../core/machine/api.ts';
import type { ScenarioFiles } from '../core/scenario/load.ts';
import type { ScenarioInput } from '../core/scenario/schema.ts';
import type { Program } from './build.ts';
import type { BranchInfo } from './protocol.ts';

export interface BranchSource {
  readonly scenario: ScenarioInput;
  readonly files: ScenarioFiles;
}

export interface Branch {
  info: BranchInfo;
  program: Program;
  source: BranchSource;
  /** Saved when the session left the branch (null while it is current and never left). */
  recording: Recording | null;
  /** The step the machine was at when the session left it. */
  now: number;
}

export class BranchTree {
  private branches = new Map<number, Branch>();
  private nextId = 1;
  private currentId: number | null = null;
  /** The current branch's state before the last `save`, to undo a save that led nowhere. */
  private undo: { recording: Recording | null; now: number; head: number } | null = null;

  get current(): number | null {
    return this.currentId;
  }

  get(id: number): Branch | undefined {
    return this.branches.get(id);
  }

  /** Forgets every branch (a new scenario, a reset). */
  clear(): void {
    this.branches.clear();
    this.nextId = 1;
    this.currentId = null;
    this.undo = null;
  }

  /** The first branch of a session. */
  start(program: Program, source: BranchSource): void {
    this.clear();
    this.add({ id: this.nextId, parent: null, forkStep: 0, head: 0, why: 'the first run' }, program, source);
  }

  /** Records where the current branch is, before leaving or forking it. */
  save(recording: Recording, now: number, head: number): void {
    const b = this.currentBranch();
    if (!b) return;
    this.undo = { recording: b.recording, now: b.now, head: b.info.head };
    b.recording = recording;
    b.now = now;
    b.info = { ...b.info, head };
  }

  /** Takes back the last `save` (the change it prepared for was refused). */
  dropSave(): void {
    const b = this.currentBranch();
    if (!b || !this.undo) return;
    b.recording = this.undo.recording;
    b.now = this.undo.now;
    b.info = { ...b.info, head: this.undo.head };
    this.undo = null;
  }

  /** Starts a new branch from the current one at `forkStep` and makes it current. */
  fork(forkStep: number, why: string, program: Program, source: BranchSource): void {
    this.undo = null;
    this.add({ id: this.nextId, parent: this.currentId, forkStep, head: forkStep, why }, program, source);
  }

  /** Makes branch `id` current. */
  enter(id: number): void {
    if (this.branches.has(id)) this.currentId = id;
  }

  /** The current branch now runs `program` (sources edited before it ran at all). */
  replaceProgram(program: Program, source: BranchSource): void {
    const b = this.currentBranch();
    if (!b) return;
    b.program = program;
    b.source = source;
  }

  /** Every branch, the current one with its live head. */
  infos(currentHead: number): BranchInfo[] {
    return [...this.branches.values()].map((b) => (b.info.id === this.currentId ? { ...b.info, head: Math.max(currentHead, b.info.forkStep) } : b.info));
  }

  private add(info: BranchInfo, program: Program, source: BranchSource): void {
    this.branches.set(info.id, { info, program, source, recording: null, now: info.forkStep });
    this.currentId = info.id;
    this.nextId = info.id + 1;
  }

  private currentBranch(): Branch | undefined {
    return this.currentId === null ? undefined : this.branches.get(this.currentId);
  }
}

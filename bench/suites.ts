/**
 * The benchmark suites `hvlab bench` runs, in order. A suite measures
 * something and returns named figures (e.g. instructions per second); add a
 * suite by adding one line here.
 */
import { cpuSuite } from './cpu.ts';
import { timeTravelSuite } from './timetravel.ts';
import { hvSuite } from './hv.ts';

export interface BenchSuite {
  readonly name: string;
  /** Runs the measurements, printing progress if it likes; resolves to figure name -> value. */
  run(): Promise<Record<string, number>>;
}

export const SUITES: BenchSuite[] = [
  cpuSuite,
  timeTravelSuite,
  hvSuite,
];

/**
 * A whole scenario, step by step: the population, the rings and their victims' plans, the standing
 * records (accounts, platform accounts, first sightings), then each day's background and ring
 * events, and finally the police reports. Each part draws from its own random stream derived from
 * the seed, and events are written as they are made, so memory does not grow with the period.
 * Rows pass through the variant's output stage, which picks the files written and cuts the ground
 * truth down to what they name. Yields after each step so a caller can flush files and show
 * progress.
 */
import { writeBackgroundCalls } from './background/calls';
import { writeBackgroundDirectory } from './background/directory';
import { newSettlements, writeBackgroundPayments } from './background/payments';
import { writeBackgroundPlatform } from './background/platform';
import type { ScenarioContext } from './context';
import { createIssuers } from './ids/issuers';
import type { ScenarioOptions } from './options';
import { EventWriter } from './output/events';
import type { FileKind, ScenarioSink } from './output/formats';
import { VariantSink } from './output/variantSink';
import { buildPopulation } from './population/build';
import { Rng } from '../server/lib/random';
import { writeRingActivity } from './rings/activity';
import { buildRings } from './rings/build';
import { writeRingDirectory } from './rings/directory';
import { payMembers, RingLedger, sweepCashOut } from './rings/flows';
import { PersonPicker } from './rings/picker';
import { writeReports } from './rings/reports';
import { VictimSchedule } from './rings/schedule';
import { planVictims } from './rings/victims';
import { periodFrom } from './time';
import type { Truth } from './truth/model';
import { TruthRecorder } from './truth/build';
import { restrictTruth, truthEntities } from './truth/restrict';
import { writesFile } from './variants';

export interface ScenarioProgress {
  phase: 'population' | 'directory' | 'day' | 'reports';
  /** Days written so far. */
  day: number;
  days: number;
}

export interface ScenarioResult {
  truth: Truth;
  /** Rows written per file (0 for files the variant does not write). */
  rows: Record<FileKind, number>;
  rings: number;
  victims: number;
  /** Victims whose report was written (none in the `unreported` variant). */
  reportingVictims: number;
  victimPayments: number;
}

/** Generates the scenario `options` describes into `sink`, one step per yield. */
export function* scenarioSteps(
  options: ScenarioOptions,
  sink: ScenarioSink,
): Generator<ScenarioProgress, ScenarioResult, void> {
  const stream = (label: string) => Rng.derive(options.seed, label);
  const period = periodFrom(options.start, options.days);
  const issuers = createIssuers(stream('identifiers'), options.people);
  const output = new VariantSink(sink, options.variant);
  const writer = new EventWriter(output, stream('formatting'), issuers.banks);
  const population = buildPopulation(options, stream('population'), issuers, period);
  const context: ScenarioContext = { options, period, population, issuers, writer };
  const picker = new PersonPicker(population.people);
  const { rings, victimCounts } = buildRings(context, picker, stream('rings'));
  const plans = planVictims(context, rings, victimCounts, picker, stream('victims'));
  const truth = new TruthRecorder(
    options.seed,
    options.size,
    options.variant,
    period,
    rings,
    population,
  );
  output.watch(truthEntities(truth.truth));
  yield { phase: 'population', day: 0, days: period.days };

  writeBackgroundDirectory(context, stream('directory'));
  writeRingDirectory(context, rings);
  yield { phase: 'directory', day: 0, days: period.days };

  const schedule = new VictimSchedule(plans, context);
  const ledger = new RingLedger();
  const settlements = newSettlements(population.processors.length);
  for (let day = 0; day < period.days; day += 1) {
    writeBackgroundCalls(context, day, stream(`calls:${day}`));
    writeBackgroundPayments(context, day, settlements, stream(`payments:${day}`));
    writeBackgroundPlatform(context, day, stream(`platform:${day}`));
    const ringRng = stream(`rings:${day}`);
    for (const ring of rings) {
      if (day > 0) sweepCashOut(context, ring, ledger, day, ringRng);
      writeRingActivity(context, ring, day, ringRng);
      if (day % 7 === 6) payMembers(context, ring, ledger, day, ringRng);
    }
    schedule.writeDay(day, ledger, ringRng, (plan, chains) => truth.payment(plan, chains));
    yield { phase: 'day', day: day + 1, days: period.days };
  }

  const reported = writeReports(context, plans, stream('reports'));
  yield { phase: 'reports', day: period.days, days: period.days };
  const written = restrictTruth(truth.truth, options.variant, (entity) => output.appears(entity));
  return {
    truth: written,
    rows: { ...output.counts },
    rings: rings.length,
    victims: plans.length,
    reportingVictims: writesFile(options.variant, 'police-reports') ? reported : 0,
    victimPayments: written.victimPayments.length,
  };
}

/** Generates a whole scenario into `sink` at once (tests, benchmarks, small sizes). */
export function generateScenario(options: ScenarioOptions, sink: ScenarioSink): ScenarioResult {
  const steps = scenarioSteps(options, sink);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

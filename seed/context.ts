/**
 * What every generation step works with: the options, the period, the population, the identifier
 * issuers and the writer rows go through.
 */
import type { Issuers } from './ids/issuers';
import type { ScenarioOptions } from './options';
import type { EventWriter } from './output/events';
import type { Population } from './population/model';
import type { Period } from './time';

export interface ScenarioContext {
  options: ScenarioOptions;
  period: Period;
  population: Population;
  issuers: Issuers;
  writer: EventWriter;
}

/**
 * A tiny planted world for the tests of the layouts it is written in: a fan-in into 1 from 2-4, a
 * cycle 5 -> 6 -> 7 -> 5, and background payments 8 -> 9, 9 -> 2.
 */
import type { PlantedWorld } from '../../seed/typologies/plantCycles';

export function tinyWorld(): PlantedWorld {
  const ids = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const fraud = new Set(['1', '2', '3', '4', '5', '6', '7']);
  const pay = (from: string, to: string, step: number) => ({ from, to, cents: 15_000, step });
  return {
    accounts: ids.map((id) => ({
      id,
      isFraud: fraud.has(id),
      initBalance: '100.00',
      fraudStep: 0,
    })),
    transfers: [
      pay('2', '1', 3),
      pay('3', '1', 4),
      pay('4', '1', 5),
      pay('5', '6', 7),
      pay('6', '7', 8),
      pay('7', '5', 9),
      pay('8', '9', 9),
      pay('9', '2', 10),
    ],
    patterns: {
      seed: 1,
      typologies: ['fan_in', 'cycle'],
      accounts: 9,
      steps: 10,
      patterns: [
        {
          id: 'p0',
          typology: 'fan_in',
          accounts: ['1', '2', '3', '4'],
          leader: '1',
          edges: [],
          firstStep: 3,
          lastStep: 5,
          amountMode: 'whole',
        },
        {
          id: 'p1',
          typology: 'cycle',
          accounts: ['5', '6', '7'],
          leader: null,
          edges: [],
          firstStep: 7,
          lastStep: 9,
          amountMode: 'whole',
        },
      ],
    },
  } as unknown as PlantedWorld;
}

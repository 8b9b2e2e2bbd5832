/**
 * The ground truth of a variant: what can fairly be asked of the files it writes. Ring members and
 * busy legitimate entities are kept only where a written file names them; victim payments only
 * where bank transfers are written, and their case numbers only where police reports are.
 */
import { writesFile, type VariantName } from '../variants';
import type { Truth } from './model';

/** Every entity `truth` lists as a ring member or a busy legitimate one. */
export function truthEntities(truth: Truth): Set<string> {
  const entities = new Set<string>();
  for (const ring of truth.rings) for (const member of ring.members) entities.add(member.entity);
  for (const busy of truth.busyLegitimate) entities.add(busy.entity);
  return entities;
}

/**
 * `truth` cut down to `variant`'s files; `appears` says whether an entity is named in them. The
 * `full` variant's truth is returned as it is. Rings stay (ids and scripts), even were one to lose
 * every member; a member's `controller` is kept even where that person is named in no file.
 */
export function restrictTruth(
  truth: Truth,
  variant: VariantName,
  appears: (entity: string) => boolean,
): Truth {
  if (variant === 'full') return truth;
  const transfers = writesFile(variant, 'bank-transfers');
  const reports = writesFile(variant, 'police-reports');
  return {
    ...truth,
    rings: truth.rings.map((ring) => ({
      ...ring,
      members: ring.members.filter((member) => appears(member.entity)),
    })),
    victimPayments: transfers
      ? truth.victimPayments.map((payment) => (reports ? payment : { ...payment, case: null }))
      : [],
    busyLegitimate: truth.busyLegitimate.filter((busy) => appears(busy.entity)),
  };
}

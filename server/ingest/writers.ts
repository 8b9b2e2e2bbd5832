/** Which batch write loads which kind of file. */
import { queries, type BatchParams } from '../db/queries';
import type { QueryDefinition } from '../db/query';
import type { FileKind } from './kinds';

export const WRITERS: Readonly<Record<FileKind, QueryDefinition<BatchParams, { created: number }>>> =
  {
    'bank-transfers': queries.writeTransfers,
    'bank-accounts': queries.writeBankAccounts,
    'telecom-cdr': queries.writeCalls,
    'telecom-sightings': queries.writeSightings,
    'platform-accounts': queries.writePlatformAccounts,
    'platform-logins': queries.writeLogins,
    'platform-messages': queries.writeMessages,
    'police-reports': queries.writeReports,
  };

/**
 * Starts Ringtrace: reads the configuration, opens Neo4j (starting the local server when no
 * NEO4J_URI is given), serves the API and the client, and on SIGINT/SIGTERM stops in order:
 * HTTP server, driver, local Neo4j.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import { closeApp, createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { StartupError } from './errors';
import { createLogger } from './logger';
import { QueryFileError } from './db/query';
import { loadDemoIfEmpty } from './services/demo';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Ringtrace cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config, Boolean(process.stdout.isTTY));
  const running: { database?: Database; server?: Server; app?: Express } = {};
  let stopping = false;

  const stop = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Stopping Ringtrace');
    await new Promise<void>((resolve) => {
      const server = running.server;
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 5_000).unref();
    });
    if (running.app) await closeApp(running.app);
    await running.database?.close();
    logger.info('Ringtrace stopped');
    logger.flush();
    process.exit(exitCode);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));

  try {
    running.database = await openDatabase(config, logger, { keepLocalRunning: true });
  } catch (error) {
    if (error instanceof StartupError || error instanceof QueryFileError) {
      logger.fatal(error.message);
      logger.flush();
      console.error(`\nRingtrace cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (stopping) return;

  const database = running.database;
  const app = createApp({
    logger,
    executor: database.executor,
    kind: database.kind,
    schemaNames: database.schemaNames,
    localNeo4j: () => database.localStatus(),
    security: config.security,
    ingestDir: config.ingestDir,
    auditJournalDir: config.auditJournalDir,
    auditAnchor: config.auditAnchor,
    warning: config.warning,
    freeze: config.freeze,
    analysisHeapMegabytes: config.analysisHeapMegabytes,
    clientDir: config.production ? config.clientDir : undefined,
  });
  running.app = app;
  const server = app.listen(config.port, config.host);
  running.server = server;
  server.on('listening', () => {
    logger.info(`Ringtrace is ready at http://${config.host}:${config.port}/`);
    if (config.demo) {
      loadDemoIfEmpty(database.executor, config, logger).catch((error: unknown) => {
        if (!stopping) logger.error({ err: error }, 'Loading the demo scenario failed');
      });
    }
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    logger.fatal(
      error.code === 'EADDRINUSE'
        ? `Port ${config.port} is already in use: stop the other program or set PORT to a free port.`
        : error.message,
    );
    void stop('error', 1);
  });
}

void main();

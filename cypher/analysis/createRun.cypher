// Records a new analysis run as running: its parameters (JSON text), engine, version and who
// started it.
// @param $id         the run id
// @param $params     the run's parameters as JSON text
// @param $engine     'ringtrace' or 'gds'
// @param $version    the engine's version
// @param $startedBy  username of who started it
// @returns id
CREATE (r:AnalysisRun {
  id: $id, params: $params, engine: $engine, version: $version, startedBy: $startedBy,
  startedAt: datetime(), status: 'running', step: 'queued', fraction: 0.0
})
RETURN r.id AS id

// Marks a run finished with its summary figures.
// @param $id           the run id
// @param $nodeCount    identities analysed
// @param $edgeCount    links analysed
// @param $communities  communities found
// @param $modularity   modularity of the partition
// @param $ringCount    rings found
// @param $considered   communities and groups weighed as rings
// @param $explanation  what was weighed and found, in plain words; when nothing, why
// @param $nearMisses   JSON text: the strongest candidates that fell short, with what each missed
// @returns id
MATCH (r:AnalysisRun {id: $id})
SET r.status = 'finished', r.finishedAt = datetime(), r.step = 'done', r.fraction = 1.0,
    r.nodeCount = $nodeCount, r.edgeCount = $edgeCount, r.communities = $communities,
    r.modularity = $modularity, r.ringCount = $ringCount, r.considered = $considered,
    r.explanation = $explanation, r.nearMisses = $nearMisses
RETURN r.id AS id

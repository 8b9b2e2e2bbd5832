/**
 * The chart as an i2 Analyst's Notebook ANX file (the Chart XML Analyst's Notebook 7 and later
 * import): an entity type per Ringtrace kind with a standard icon, a link type per kind of record
 * or link, each identity an entity at its chart position with its attributes, and each pair's
 * records one link with their count, amounts, traced money and first and last time.
 */
import { chartLinks, type ChartLink, type EvidenceFacts, type FactNode } from './model';
import { xmlAttributes } from './xml';

/** The entity type and standard i2 icon of each Ringtrace kind. */
export const ANX_ENTITY_TYPES: Readonly<Record<string, { name: string; icon: string }>> = {
  Person: { name: 'Person', icon: 'Person' },
  PhoneNumber: { name: 'Phone number', icon: 'Mobile Phone' },
  SIM: { name: 'SIM', icon: 'SIM Card' },
  Device: { name: 'Handset', icon: 'Mobile Phone' },
  BankAccount: { name: 'Bank account', icon: 'Account' },
  PlatformAccount: { name: 'Platform account', icon: 'Web Site' },
  IPAddress: { name: 'IP address', icon: 'Computer' },
  Case: { name: 'Reported case', icon: 'Document' },
};

/** The link type and its colour (an i2 colour number, BGR) of each kind of record or link. */
export const ANX_LINK_TYPES: Readonly<Record<string, { name: string; colour: number }>> = {
  Transfer: { name: 'Transfer', colour: 0x0000c0 },
  Call: { name: 'Call', colour: 0xc00000 },
  Message: { name: 'Message', colour: 0x008000 },
  Sighting: { name: 'SIM in handset', colour: 0x808080 },
  Login: { name: 'Login', colour: 0x808000 },
  HOLDS: { name: 'Holds account', colour: 0x000000 },
  USES_NUMBER: { name: 'Uses number', colour: 0x000000 },
  REPORTED: { name: 'Reported', colour: 0x000080 },
  NAMES: { name: 'Report names', colour: 0x000080 },
  REGISTERED_WITH: { name: 'Registered with', colour: 0x404040 },
  REGISTERED_FROM: { name: 'Registered from', colour: 0x404040 },
};

const ATTRIBUTE_CLASSES = [
  { name: 'Ringtrace id', type: 'AttText' },
  { name: 'Kind', type: 'AttText' },
  { name: 'Role', type: 'AttText' },
  { name: 'Score', type: 'AttNumber' },
  { name: 'Reasons', type: 'AttText' },
  { name: 'Records', type: 'AttNumber' },
  { name: 'Amount', type: 'AttNumber' },
  { name: 'Currency', type: 'AttText' },
  { name: 'Traced amount', type: 'AttNumber' },
  { name: 'First (UTC)', type: 'AttTime' },
  { name: 'Last (UTC)', type: 'AttTime' },
  { name: 'Call seconds', type: 'AttNumber' },
  { name: 'Sources', type: 'AttText' },
] as const;

type AttributeName = (typeof ATTRIBUTE_CLASSES)[number]['name'];

/** An ANX time: local-time form without a zone, here always UTC. */
function anxTime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '');
}

function attributes(values: [AttributeName, string | number | null | undefined][]): string[] {
  const lines = values
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(
      ([name, value]) =>
        `        <Attribute${xmlAttributes({ AttributeClass: name, Value: value })}/>`,
    );
  return lines.length === 0
    ? []
    : ['      <AttributeCollection>', ...lines, '      </AttributeCollection>'];
}

/** Places nodes without a position on a circle, so every entity has one. */
function positions(nodes: readonly FactNode[]): Map<string, { x: number; y: number }> {
  const placed = new Map<string, { x: number; y: number }>();
  const unplaced = nodes.filter((node) => node.position === null);
  const radius = Math.max(200, unplaced.length * 12);
  unplaced.forEach((node, index) => {
    const angle = (2 * Math.PI * index) / Math.max(1, unplaced.length);
    placed.set(node.key, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  });
  for (const node of nodes) if (node.position) placed.set(node.key, node.position);
  return placed;
}

function entityItem(node: FactNode, at: { x: number; y: number }): string[] {
  const type = ANX_ENTITY_TYPES[node.type] ?? { name: node.type, icon: 'General' };
  return [
    `    <ChartItem${xmlAttributes({ Label: node.label, DateSet: 'false', XPosition: Math.round(at.x) })}>`,
    `      <End${xmlAttributes({ Y: Math.round(at.y) })}>`,
    `        <Entity${xmlAttributes({ EntityId: node.key, Identity: node.key, LabelIsIdentity: 'false' })}>`,
    `          <Icon><IconStyle${xmlAttributes({ Type: type.name })}/></Icon>`,
    '        </Entity>',
    '      </End>',
    ...attributes([
      ['Ringtrace id', node.key],
      ['Kind', type.name],
      ['Role', node.role],
      ['Score', node.score],
      ['Reasons', node.reasons.join('; ')],
      [
        'Sources',
        node.source
          ? `${node.source.organisation} ${node.source.fileName} line ${node.source.line ?? ''}`
          : null,
      ],
    ]),
    '    </ChartItem>',
  ];
}

function linkLabel(link: ChartLink): string {
  const kind = ANX_LINK_TYPES[link.type]?.name ?? link.type;
  if (link.totalMinor !== null) {
    return `${link.count} × ${kind}, ${(link.totalMinor / 100).toFixed(2)} ${link.currency ?? ''}`.trim();
  }
  return link.count > 1 ? `${link.count} × ${kind}` : kind;
}

function linkItem(link: ChartLink, sources: string): string[] {
  const dated = link.first !== null;
  return [
    `    <ChartItem${xmlAttributes({
      Label: linkLabel(link),
      DateSet: dated ? 'true' : 'false',
      TimeSet: dated ? 'true' : undefined,
      DateTime: link.first === null ? undefined : anxTime(link.first),
    })}>`,
    `      <Link${xmlAttributes({ End1Id: link.from, End2Id: link.to })}>`,
    `        <LinkStyle${xmlAttributes({
      Type: ANX_LINK_TYPES[link.type]?.name ?? link.type,
      ArrowStyle: 'ArrowOnHead',
      MlStyle: link.count > 1 ? 'MultiplicityMultiple' : 'MultiplicitySingle',
    })}/>`,
    '      </Link>',
    ...attributes([
      ['Kind', ANX_LINK_TYPES[link.type]?.name ?? link.type],
      ['Records', link.count],
      ['Amount', link.totalMinor === null ? null : (link.totalMinor / 100).toFixed(2)],
      ['Currency', link.currency],
      ['Traced amount', link.tracedMinor === null ? null : (link.tracedMinor / 100).toFixed(2)],
      ['First (UTC)', link.first === null ? null : anxTime(link.first)],
      ['Last (UTC)', link.last === null ? null : anxTime(link.last)],
      ['Call seconds', link.type === 'Call' ? link.totalSeconds : null],
      ['Sources', sources],
    ]),
    '    </ChartItem>',
  ];
}

/** Where each chart link's records came from, as `ORG file line n, ...` (first 20). */
function linkSources(facts: Pick<EvidenceFacts, 'events' | 'links'>): Map<string, string> {
  const lists = new Map<string, string[]>();
  const add = (key: string, text: string) => {
    const list = lists.get(key) ?? [];
    if (list.length < 20) list.push(text);
    lists.set(key, list);
  };
  for (const event of facts.events) {
    if (!event.source) continue;
    const key = `${event.kind}|${event.from}|${event.to}|${event.currency ?? ''}`;
    add(
      key,
      `${event.source.organisation} ${event.source.fileName} line ${event.source.line ?? '?'}`,
    );
  }
  for (const link of facts.links) {
    if (!link.source) continue;
    add(
      `${link.type}|${link.from}|${link.to}|`,
      `${link.source.organisation} ${link.source.fileName} line ${link.source.line ?? '?'}`,
    );
  }
  return new Map([...lists].map(([key, list]) => [key, list.join('; ')]));
}

/** The ANX document of a bundle's facts. Pure: the same facts give the same bytes. */
export function toAnx(facts: Pick<EvidenceFacts, 'nodes' | 'events' | 'links'>): string {
  const at = positions(facts.nodes);
  const shown = new Set(facts.nodes.map((node) => node.key));
  const links = chartLinks(facts).filter((link) => shown.has(link.from) && shown.has(link.to));
  const sources = linkSources(facts);
  const entityTypes = [...new Set(facts.nodes.map((node) => node.type))].map(
    (type) => ANX_ENTITY_TYPES[type] ?? { name: type, icon: 'General' },
  );
  const linkTypes = [...new Set(links.map((link) => link.type))].map(
    (type) => ANX_LINK_TYPES[type] ?? { name: type, colour: 0 },
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Chart IdReferenceLinking="true" Rigorous="true">',
    '  <AttributeClassCollection>',
    ...ATTRIBUTE_CLASSES.map(
      (attribute) =>
        `    <AttributeClass${xmlAttributes({
          Name: attribute.name,
          Type: attribute.type,
          ShowValue: 'true',
          Visible: attribute.name === 'Role' || attribute.name === 'Records' ? 'true' : 'false',
        })}/>`,
    ),
    '  </AttributeClassCollection>',
    '  <LinkTypeCollection>',
    ...linkTypes.map(
      (type) => `    <LinkType${xmlAttributes({ Name: type.name, Colour: type.colour })}/>`,
    ),
    '  </LinkTypeCollection>',
    '  <EntityTypeCollection>',
    ...entityTypes.map(
      (type) => `    <EntityType${xmlAttributes({ Name: type.name, IconFile: type.icon })}/>`,
    ),
    '  </EntityTypeCollection>',
    '  <ChartItemCollection>',
    ...facts.nodes.flatMap((node) => entityItem(node, at.get(node.key) ?? { x: 0, y: 0 })),
    ...links.flatMap((link) => linkItem(link, sources.get(link.key) ?? '')),
    '  </ChartItemCollection>',
    '</Chart>',
    '',
  ].join('\n');
}

/**
 * The canvas: one Cytoscape instance (WebGL renderer for large views when the browser has
 * WebGL), the commands of the history applied to it, layouts, filters, rings collapsed into
 * single nodes, and snapshots for exports and saved workspaces. Panels talk to it; it knows no
 * API.
 */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { type WorkspaceDocument, DOCUMENT_VERSION } from './document';
import { collapseRing, ringKey } from './elements';
import type { ViewSnapshot } from './export/snapshot';
import { filteredOut, noFilters, type FilterState } from './filters';
import {
  emptyHistory,
  record,
  redo as redoStep,
  undo as undoStep,
  type Command,
  type History,
} from './history';
import { isDoubleTap, type Tap } from './doubleTap';
import { draftLayout } from './draftLayout';
import {
  CONCENTRIC_DEFAULTS,
  FCOSE_DEFAULTS,
  fcoseOptions,
  incrementalOptions,
  placeAround,
  placeBeside,
  ringViewPositions,
  timePositions,
  type Box,
} from './layouts';
import type { EdgeData, EdgeDef, Elements, NodeData, NodeDef } from './model';
import { decorateEdge, decorateNode, stylesheet, typeLook } from './style';
import { WHEEL_SENSITIVITY } from './wheel';
import { pngPlan, type PngSize } from './pngSize';
import { FONT_STACK, loadCjkFont } from '../fonts';

cytoscape.use(fcose);

export type LayoutName = 'fcose' | 'concentric' | 'time' | 'rings';

export interface CanvasEvents {
  onSelect(): void;
  onExpand(nodeId: string): void;
  onContext(nodeId: string, at: { x: number; y: number }): void;
  onChange(): void;
}

/** A software WebGL (no GPU): far slower than the canvas renderer, so not used by default. */
export const SOFTWARE_GL = /SwiftShader|llvmpipe|softpipe|Software/i;

/**
 * Whether to draw with the WebGL renderer: `force` ('webgl' or 'canvas', from `?renderer=`)
 * decides; otherwise WebGL 2 on a GPU, and the canvas renderer without one.
 */
export function useWebgl(force: string | null): boolean {
  if (force === 'canvas') return false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    if (force === 'webgl') return true;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    return !SOFTWARE_GL.test(name);
  } catch {
    return false;
  }
}

/**
 * Above this many elements (nodes and links) a view is large: while it is panned or zoomed, the
 * canvas renderer moves a picture of it (Cytoscape's `textureOnViewport`) and draws it in full
 * again when the gesture ends. Measured with `npm run bench:ui` in Chromium without a GPU: below
 * this size full drawing keeps up with the gesture; at 5,000 nodes / 20,000 links it does not
 * until its caches are built (see the README's figures).
 */
export const LARGE_VIEW_ELEMENTS = 10_000;

/** How the view is drawn while it moves: 'auto' (a picture for large views) or 'full' always. */
export type MovingDraw = 'auto' | 'full';

/** Whether a view of `elements` elements moves as a picture (`textureOnViewport`). */
export function movesAsPicture(elements: number, mode: MovingDraw): boolean {
  return mode === 'auto' && elements > LARGE_VIEW_ELEMENTS;
}

/** The parts of Cytoscape's renderer that the canvas tunes at run time. */
interface RendererSettings {
  textureOnViewport?: boolean;
  textureCache?: unknown;
}

function decorated(def: NodeDef | EdgeDef): ElementDefinition {
  if (def.group === 'nodes') {
    const data = { ...def.data, ...decorateNode(def.data) };
    return { ...def, data };
  }
  return { ...def, data: { ...def.data, ...decorateEdge(def.data) } };
}

export class Canvas {
  readonly cy: Core;
  readonly renderer: 'webgl' | 'canvas';
  private history: History = emptyHistory;
  private filters: FilterState = noFilters;
  /** Members and links of collapsed rings, by ring id, to restore on expanding. */
  private readonly collapsed = new Map<string, Elements>();
  private grabbed = new Map<string, { x: number; y: number }>();
  readonly movingDraw: MovingDraw;
  /** Whether the view now moves as a picture (large views, canvas renderer). */
  private picture = false;
  private tunePending = false;

  constructor(
    container: HTMLElement,
    private readonly events: CanvasEvents,
    options: { webgl?: boolean; movingDraw?: MovingDraw } = {},
  ) {
    const webgl = options.webgl ?? useWebgl(null);
    this.renderer = webgl ? 'webgl' : 'canvas';
    this.movingDraw = options.movingDraw ?? 'auto';
    this.cy = cytoscape({
      container,
      style: [
        // Labels in the page's fonts, Chinese names included (`fonts.ts`).
        { selector: 'node, edge', style: { 'font-family': FONT_STACK } },
        ...stylesheet(),
        { selector: '.hidden, .filtered', style: { display: 'none' } },
      ] as unknown as cytoscape.StylesheetJson,
      minZoom: 0.02,
      maxZoom: 4,
      wheelSensitivity: WHEEL_SENSITIVITY,
      boxSelectionEnabled: true,
      // Large views move as a picture: turned on and off by size (see `tuneForSize`). Hiding
      // links while moving was slower here (it bypasses the renderer's layer caches), and motion
      // blur gained nothing, so both stay off.
      hideEdgesOnViewport: false,
      textureOnViewport: false,
      motionBlur: false,
      ...({ renderer: { name: 'canvas', webgl } } as object),
    });
    // The canvas draws its own text: once the Chinese web font is in, labels are drawn again.
    void loadCjkFont().then((loaded) => {
      if (loaded) this.cy.style().update();
    });
    // 'add' and 'remove' come once per element: look at the size once, after the change.
    this.cy.on('add remove', () => {
      if (this.tunePending) return;
      this.tunePending = true;
      queueMicrotask(() => {
        this.tunePending = false;
        this.tuneForSize();
      });
    });
    this.cy.on('select unselect', () => this.events.onSelect());
    // Double-click expands: two taps on the same node (Cytoscape's `dbltap` pairs any two).
    let lastTap: Tap | null = null;
    this.cy.on('tap', (event) => {
      const target = event.target as NodeSingular | Core;
      const node = target !== this.cy && (target as NodeSingular).isNode();
      const tap: Tap = {
        target: node ? (target as NodeSingular).id() : null,
        time: performance.now(),
      };
      if (tap.target !== null && isDoubleTap(lastTap, tap)) {
        lastTap = null;
        this.events.onExpand(tap.target);
      } else lastTap = tap;
    });
    this.cy.on('cxttap', 'node', (event) => {
      const node = event.target as NodeSingular;
      if (!node.selected()) {
        this.cy.$(':selected').unselect();
        node.select();
      }
      this.events.onContext(node.id(), event.renderedPosition ?? { x: 0, y: 0 });
    });
    this.cy.on('grab', 'node', (event) => {
      this.grabbed = new Map();
      const node = event.target as NodeSingular;
      const moving = node.selected() ? this.cy.$('node:selected') : node;
      moving.forEach((one) => {
        this.grabbed.set(one.id(), { ...one.position() });
      });
    });
    this.cy.on('free', 'node', () => {
      const moves = [...this.grabbed].flatMap(([id, from]) => {
        const node = this.cy.$id(id);
        if (node.empty()) return [];
        const to = { ...node.position() };
        return from.x === to.x && from.y === to.y ? [] : [{ id, from, to }];
      });
      this.grabbed = new Map();
      if (moves.length) this.history = record(this.history, { kind: 'move', moves });
    });
  }

  /** Whether the view now moves as a picture while panned or zoomed. */
  movesAsPicture(): boolean {
    return this.picture;
  }

  /** Turns drawing-as-a-picture on or off as the view crosses `LARGE_VIEW_ELEMENTS`. */
  private tuneForSize(): void {
    if (this.renderer !== 'canvas') return;
    const picture = movesAsPicture(this.cy.elements().length, this.movingDraw);
    if (picture === this.picture) return;
    this.picture = picture;
    // Cytoscape reads these renderer fields on every frame; a stale picture must not be reused.
    const renderer = (
      this.cy as unknown as { renderer(): RendererSettings | undefined }
    ).renderer();
    if (!renderer) return;
    renderer.textureOnViewport = picture;
    renderer.textureCache = null;
  }

  /**
   * Adds elements (recorded for undo); new nodes go around `near` when given. `layout`:
   * `incremental` (default) lays the new nodes out with the others fixed, `none` keeps them where
   * they are put, `beside` moves them as one group, in their own arrangement, beside what is on
   * the canvas (a ring, a flow, paths: nothing already there moves or is covered).
   */
  add(
    elements: Elements,
    options: { near?: string; layout?: 'incremental' | 'none' | 'beside' } = {},
  ): string[] {
    const fresh: Elements = {
      nodes: elements.nodes.filter((node) => this.cy.$id(node.data.id).empty()),
      edges: [],
    };
    const present = new Set([
      ...fresh.nodes.map((node) => node.data.id),
      ...this.cy.nodes().map((node) => node.id()),
    ]);
    fresh.edges = elements.edges.filter(
      (edge) =>
        this.cy.$id(edge.data.id).empty() &&
        present.has(edge.data.source) &&
        present.has(edge.data.target),
    );
    // Ring parents first, so members can sit inside them.
    fresh.nodes.sort((a, b) => Number(b.data.type === 'Ring') - Number(a.data.type === 'Ring'));
    if (fresh.nodes.length === 0 && fresh.edges.length === 0) return [];
    if (options.layout === 'beside') this.placeBeside(fresh);
    else this.place(fresh, options.near);
    this.apply({ kind: 'add', elements: fresh });
    this.history = record(this.history, { kind: 'add', elements: fresh });
    if (options.layout === undefined || options.layout === 'incremental')
      this.layoutNew(fresh, options.near);
    return fresh.nodes.map((node) => node.data.id);
  }

  /** Gives positions to new nodes that have none: around their parent, or the view's centre. */
  private place(fresh: Elements, near: string | undefined): void {
    const unplaced = fresh.nodes.filter((node) => !node.position && node.data.type !== 'Ring');
    if (unplaced.length === 0) return;
    const anchor = near ? this.cy.$id(near) : undefined;
    let center: { x: number; y: number };
    if (anchor && anchor.nonempty()) center = anchor.position();
    else if (this.cy.nodes().nonempty()) {
      const box = this.cy.nodes().boundingBox();
      center = { x: box.x2 + 150, y: (box.y1 + box.y2) / 2 };
    } else {
      const extent = this.cy.extent();
      center = { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
    }
    const points = placeAround(center, unplaced.length, anchor?.nonempty() ? 120 : 90);
    unplaced.forEach((node, index) => {
      node.position = points[index] ?? center;
    });
  }

  /**
   * Moves new nodes, kept in their arrangement, beside the box of what is on the canvas (nodes
   * without a position first go in circles right of those with one). Compound parents (rings)
   * have no position of their own: they wrap their members.
   */
  private placeBeside(fresh: Elements): void {
    const parents = new Set(fresh.nodes.flatMap((node) => node.data.parent ?? []));
    const nodes = fresh.nodes.filter((node) => !parents.has(node.data.id));
    const group = new Map<string, { x: number; y: number }>();
    for (const node of nodes) if (node.position) group.set(node.data.id, node.position);
    const unplaced = nodes.filter((node) => !node.position);
    if (unplaced.length) {
      const right = group.size ? Math.max(...[...group.values()].map((p) => p.x)) + 200 : 0;
      placeAround({ x: right, y: 0 }, unplaced.length, 90).forEach((point, index) => {
        group.set(unplaced[index]?.data.id ?? '', point);
      });
    }
    const placed = placeBeside(this.occupied(), group);
    for (const node of nodes) node.position = placed.get(node.data.id) ?? node.position;
  }

  /**
   * The box of what is on the canvas, labels included; hidden and filtered nodes count too (they
   * can be shown again). Null when the canvas is empty.
   */
  private occupied(): Box | null {
    const nodes = this.cy.nodes();
    if (nodes.empty()) return null;
    const drawn = nodes.boundingBox();
    const box = Number.isFinite(drawn.x1)
      ? { x1: drawn.x1, y1: drawn.y1, x2: drawn.x2, y2: drawn.y2 }
      : { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    const margin = 40;
    nodes.forEach((node) => {
      if (node.isParent()) return;
      const { x, y } = node.position();
      box.x1 = Math.min(box.x1, x - margin);
      box.y1 = Math.min(box.y1, y - margin);
      box.x2 = Math.max(box.x2, x + margin);
      box.y2 = Math.max(box.y2, y + margin);
    });
    return box;
  }

  /** Runs fcose on the new nodes only, with their already placed neighbours fixed. */
  private layoutNew(fresh: Elements, near: string | undefined): void {
    const ids = new Set(
      fresh.nodes.filter((n) => n.data.type !== 'Ring' && !n.data.parent).map((n) => n.data.id),
    );
    if (ids.size < 2 || fresh.nodes.some((node) => node.data.parent)) return;
    const newNodes = this.cy.nodes().filter((node) => ids.has(node.id()));
    const anchors = newNodes.neighborhood('node').filter((node) => !ids.has(node.id()));
    const fixed = anchors
      .union(near ? this.cy.$id(near) : this.cy.collection())
      .nodes()
      .map((node) => ({ nodeId: node.id(), position: { ...node.position() } }));
    if (fixed.length === 0) return;
    const scope = newNodes
      .union(anchors)
      .union(newNodes.edgesWith(anchors))
      .union(newNodes.edgesWith(newNodes));
    scope.layout(incrementalOptions(fixed)).run();
  }

  /** Removes elements and the links touching them (recorded for undo). */
  remove(ids: string[]): void {
    const collection = this.cy.collection();
    for (const id of ids) collection.merge(this.cy.$id(id));
    const all = collection.union(collection.descendants()).union(collection.connectedEdges());
    if (all.empty()) return;
    const elements = this.elementsOf(all);
    this.apply({ kind: 'remove', elements });
    this.history = record(this.history, { kind: 'remove', elements });
  }

  /** Records and applies a command (hide, show, pin, unpin). */
  run(command: Command): void {
    this.apply(command);
    this.history = record(this.history, command);
  }

  undo(): boolean {
    const step = undoStep(this.history);
    if (!step) return false;
    this.history = step.history;
    this.apply(step.apply);
    return true;
  }

  redo(): boolean {
    const step = redoStep(this.history);
    if (!step) return false;
    this.history = step.history;
    this.apply(step.apply);
    return true;
  }

  canUndo(): boolean {
    return this.history.done.length > 0;
  }

  canRedo(): boolean {
    return this.history.undone.length > 0;
  }

  /** Applies a command to the canvas without recording it. */
  apply(command: Command): void {
    const cy = this.cy;
    switch (command.kind) {
      case 'add':
        cy.batch(() => {
          cy.add(command.elements.nodes.map(decorated));
          cy.add(
            command.elements.edges
              .filter(
                (edge) =>
                  cy.$id(edge.data.source).nonempty() && cy.$id(edge.data.target).nonempty(),
              )
              .map(decorated),
          );
        });
        this.applyFilters(this.filters);
        break;
      case 'remove':
        cy.batch(() => {
          for (const edge of command.elements.edges) cy.$id(edge.data.id).remove();
          for (const node of command.elements.nodes) cy.$id(node.data.id).remove();
        });
        break;
      case 'hide':
      case 'show':
        cy.batch(() => {
          for (const id of command.ids) {
            const element = cy.$id(id);
            if (command.kind === 'hide') element.addClass('hidden');
            else element.removeClass('hidden');
          }
        });
        break;
      case 'pin':
      case 'unpin':
        for (const id of command.ids) {
          const node = cy.$id(id);
          if (command.kind === 'pin') node.addClass('pinned').lock();
          else node.removeClass('pinned').unlock();
        }
        break;
      case 'move':
        for (const move of command.moves) cy.$id(move.id).position(move.to);
        break;
    }
    this.events.onChange();
  }

  selectedIds(): string[] {
    return this.cy.$(':selected').map((element) => element.id());
  }

  selectedNodes(): NodeData[] {
    return this.cy.$('node:selected').map((node) => node.data() as NodeData);
  }

  /** Lays the visible view out; `time` for flows, `rings` for ring members by role. */
  layout(name: LayoutName): void {
    const cy = this.cy;
    const nodes = cy
      .nodes(':visible')
      .filter((node) => !node.locked())
      .nodes();
    if (nodes.empty()) return;
    if (name === 'fcose' && nodes.length > FCOSE_DEFAULTS.draftAbove) {
      // Large views: the draft (pivot MDS and a short force pass) on plain arrays.
      const movable = nodes.filter((node) => !node.isParent()).nodes();
      const positions = draftLayout(
        movable.map((node) => {
          const parent = node.parent().first();
          return { id: node.id(), ...(parent.nonempty() ? { parent: parent.id() } : {}) };
        }),
        cy.edges(':visible').map((edge) => ({
          source: edge.source().id(),
          target: edge.target().id(),
        })),
      );
      cy.batch(() => {
        movable.positions((node) => positions.get(node.id()) ?? node.position());
      });
      cy.fit(undefined, FCOSE_DEFAULTS.padding);
    } else if (name === 'fcose') {
      cy.elements(':visible')
        .layout(fcoseOptions(nodes.length) as unknown as cytoscape.LayoutOptions)
        .run();
    } else if (name === 'concentric') {
      cy.elements(':visible')
        .layout({
          ...CONCENTRIC_DEFAULTS,
          concentric: (node: NodeSingular) => Number(node.data('score') ?? 0),
        })
        .run();
    } else if (name === 'time') {
      const positions = timePositions(
        nodes
          .filter((node) => !node.isParent())
          .nodes()
          .map((node) => node.data() as NodeData),
        cy.edges(':visible').map((edge) => edge.data() as EdgeData),
      );
      this.preset(positions);
    } else {
      const members = nodes
        .filter((node) => node.data('ring') !== undefined && !node.isParent())
        .nodes();
      this.preset(ringViewPositions(members.map((node) => node.data() as NodeData)));
    }
  }

  private preset(positions: Map<string, { x: number; y: number }>): void {
    this.cy.batch(() => {
      for (const [id, position] of positions) {
        const node = this.cy.$id(id);
        if (node.nonempty() && !node.locked()) node.position(position);
      }
    });
    this.cy.fit(undefined, 30);
  }

  fit(): void {
    const selected = this.cy.$(':selected');
    this.cy.fit(selected.nonempty() ? selected : undefined, 30);
  }

  getFilters(): FilterState {
    return this.filters;
  }

  applyFilters(filters: FilterState): void {
    this.filters = filters;
    const cy = this.cy;
    const hidden = filteredOut(
      cy.nodes().map((node) => node.data() as NodeData),
      cy.edges().map((edge) => edge.data() as EdgeData),
      filters,
    );
    cy.batch(() => {
      cy.elements().forEach((element) => {
        if (hidden.has(element.id())) element.addClass('filtered');
        else element.removeClass('filtered');
      });
    });
  }

  /** Collapses a ring's compound node into one node standing for its members. */
  collapseRing(ringId: string): void {
    const all = this.elementsOf(this.cy.elements());
    const { remove, add } = collapseRing(all, ringId);
    const removed = this.cy.collection();
    for (const id of remove) removed.merge(this.cy.$id(id));
    this.collapsed.set(ringId, this.elementsOf(removed));
    this.cy.batch(() => {
      removed.remove();
      this.cy.add([...add.nodes, ...add.edges].map(decorated));
      const ring = this.cy.$id(ringKey(ringId));
      ring.data({ collapsed: true, memberCount: remove.length });
      ring.data(decorateNode(ring.data() as NodeData));
      ring.addClass('collapsed');
    });
    this.events.onChange();
  }

  expandRing(ringId: string): void {
    const stored = this.collapsed.get(ringId);
    if (!stored) return;
    this.collapsed.delete(ringId);
    const ring = this.cy.$id(ringKey(ringId));
    this.cy.batch(() => {
      ring.connectedEdges('.meta').remove();
      ring.removeClass('collapsed');
      ring.data({ collapsed: false });
      ring.data(decorateNode(ring.data() as NodeData));
      this.cy.add(stored.nodes.map(decorated));
      this.cy.add(stored.edges.filter((edge) => this.cy.$id(edge.data.id).empty()).map(decorated));
    });
    this.applyFilters(this.filters);
    this.events.onChange();
  }

  isCollapsed(ringId: string): boolean {
    return this.collapsed.has(ringId);
  }

  /** The given elements as plain definitions (data, position, classes). */
  elementsOf(collection: cytoscape.CollectionReturnValue | cytoscape.Collection): Elements {
    const nodes: NodeDef[] = [];
    const edges: EdgeDef[] = [];
    collection.forEach((element: cytoscape.SingularElementArgument) => {
      const classes = element.classes().filter((name) => name !== 'hidden' && name !== 'filtered');
      if (element.isNode()) {
        nodes.push({
          group: 'nodes',
          data: element.data() as NodeData,
          position: { ...element.position() },
          ...(classes.length ? { classes: classes.join(' ') } : {}),
        });
      } else {
        edges.push({
          group: 'edges',
          data: element.data() as EdgeData,
          ...(classes.length ? { classes: classes.join(' ') } : {}),
        });
      }
    });
    return { nodes, edges };
  }

  /** What is on screen, for the exports: visible nodes and links with positions and looks. */
  snapshot(): ViewSnapshot {
    const nodes = this.cy
      .nodes(':visible')
      .filter((node) => !node.isParent())
      .nodes();
    const ids = new Set(nodes.map((node) => node.id()));
    return {
      nodes: nodes.map((node) => {
        const data = node.data() as NodeData & { color: string; size: number };
        return {
          data,
          position: { ...node.position() },
          color: data.color,
          shape: typeLook(data.type).shape,
          size: data.size,
        };
      }),
      edges: this.cy
        .edges(':visible')
        .filter((edge) => ids.has(edge.source().id()) && ids.has(edge.target().id()))
        .edges()
        .map((edge) => ({ data: edge.data() as EdgeData, width: Number(edge.data('w') ?? 1) })),
    };
  }

  /** The view as a PNG picture, everything drawn fitted to a size (`pngSize.ts`). */
  png(size: PngSize = 'screen'): Blob {
    const picture = this.cy.elements().boundingBox();
    const container = this.cy.container();
    const plan = pngPlan(
      size,
      { w: picture.w, h: picture.h },
      { w: container?.clientWidth ?? 1280, h: container?.clientHeight ?? 800 },
    );
    // With a scale and a maximum both given, Cytoscape draws at that scale, not times the
    // screen's pixel ratio: the file is the planned size on every screen.
    return this.cy.png({
      output: 'blob',
      bg: '#ffffff',
      full: true,
      scale: plan.scale,
      maxWidth: plan.width,
      maxHeight: plan.height,
    });
  }

  toDocument(notes: string): WorkspaceDocument {
    for (const ringId of [...this.collapsed.keys()]) this.expandRing(ringId);
    const elements = this.elementsOf(this.cy.elements());
    return {
      version: DOCUMENT_VERSION,
      nodes: elements.nodes,
      edges: elements.edges,
      hidden: this.cy.$('.hidden').map((element) => element.id()),
      pinned: this.cy.$('node.pinned').map((node) => node.id()),
      filters: this.filters,
      notes,
      viewport: { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } },
    };
  }

  loadDocument(doc: WorkspaceDocument): void {
    this.clear();
    this.cy.batch(() => {
      this.cy.add([...doc.nodes, ...doc.edges].map(decorated));
      for (const id of doc.hidden) this.cy.$id(id).addClass('hidden');
      for (const id of doc.pinned) this.cy.$id(id).addClass('pinned').lock();
    });
    this.applyFilters(doc.filters);
    if (doc.viewport) this.cy.viewport(doc.viewport);
    else this.cy.fit(undefined, 30);
    this.events.onChange();
  }

  clear(): void {
    this.cy.elements().remove();
    this.collapsed.clear();
    this.history = emptyHistory;
    this.filters = noFilters;
    this.events.onChange();
  }
}

/*
 * Browser side of the dp-autoscaler HTML report (inlined by sim/report/html-report.ts after uPlot).
 * Reads the runs from <script id="report-data">, draws three uPlot charts per run (demand vs serving capacity,
 * nodes, latency) on y-axes shared by every run of the same scenario, shades overloaded minutes, marks events on
 * every chart, and names the event under the cursor.
 * Times are shown in UTC so the report reads the same everywhere. Text goes in with textContent, never innerHTML.
 */
(() => {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const kinds = data.kinds;
  const kindColors = data.kindColors;
  /** Kinds rare and grave enough to cross the whole plot; the rest are ticks along its top edge. */
  const fullHeight = new Set(data.fullHeightKinds);
  const charts = [];

  const utc = (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");
  const fmtTime = (sec) => `${new Date(sec * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const fmtCompact = (v) => {
    if (v == null || Number.isNaN(v)) return "–";
    const a = Math.abs(v);
    if (a >= 1e9) return `${+(v / 1e9).toPrecision(3)}G`;
    if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
    if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
    return `${+v.toPrecision(3)}`;
  };

  /** 24-hour UTC tick labels; the date under the first tick and under each midnight. */
  const timeAxis = {
    values: (_u, splits) =>
      splits.map((s, i) => {
        if (s == null) return "";
        const iso = new Date(s * 1000).toISOString();
        const hm = iso.slice(11, 16);
        return i === 0 || hm === "00:00" ? `${hm}\n${iso.slice(5, 10)}` : hm;
      }),
  };

  /** Light red bands behind the plot where demand went unserved. */
  function overloadPlugin(run) {
    return {
      hooks: {
        drawClear: (u) => {
          const { ctx, bbox } = u;
          const t = run.t;
          ctx.save();
          ctx.fillStyle = "rgba(250, 82, 82, 0.14)";
          for (let i = 0; i < t.length; i++) {
            if (!run.overload[i]) continue;
            const x0 = u.valToPos(t[i], "x", true);
            const next = i + 1 < t.length ? t[i + 1] : t[i] + 60 * run.bucket;
            const x1 = u.valToPos(next, "x", true);
            const left = Math.max(x0, bbox.left);
            const right = Math.min(Math.max(x1, x0 + 1), bbox.left + bbox.width);
            if (right > left) ctx.fillRect(left, bbox.top, right - left, bbox.height);
          }
          ctx.restore();
        },
      },
    };
  }

  /** Per event a tick along the top edge (or a full-height line for grave kinds), coloured by kind. */
  function eventsPlugin(run) {
    return {
      hooks: {
        draw: (u) => {
          const { ctx, bbox } = u;
          const tick = 9 * devicePixelRatio;
          ctx.save();
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          for (const [t, k] of run.events) {
            const x = Math.round(u.valToPos(t, "x", true));
            if (x < bbox.left || x > bbox.left + bbox.width) continue;
            const kind = kinds[k];
            ctx.strokeStyle = kindColors[kind] || "rgba(0,0,0,0.4)";
            ctx.beginPath();
            ctx.moveTo(x, bbox.top);
            ctx.lineTo(x, fullHeight.has(kind) ? bbox.top + bbox.height : bbox.top + tick);
            ctx.stroke();
          }
          ctx.restore();
        },
      },
    };
  }

  /** Names the event nearest the cursor (within 6 px) in the panel's info line. */
  function hoverPlugin(run, info) {
    return {
      hooks: {
        setCursor: (u) => {
          const left = u.cursor.left;
          if (left == null || left < 0) return;
          let best = null;
          let bestDist = 6;
          for (const e of run.events) {
            const d = Math.abs(u.valToPos(e[0], "x") - left);
            if (d <= bestDist) {
              best = e;
              bestDist = d;
            }
          }
          info.textContent = best ? `${fmtTime(best[0])} · ${kinds[best[1]]} · ${best[2]}` : "";
        },
      },
    };
  }

  function chartOptions(run, kind, width, info, syncKey) {
    const stepped = uPlot.paths.stepped({ align: 1 });
    // Every policy's panel of one scenario shares the y-axis of each chart (the server's `groups`), so panels side by
    // side compare at a glance.
    const top = data.groups[run.group][kind];
    const scales = { x: { time: true }, y: { range: () => [0, top] } };
    const base = {
      width,
      height: kind === "latency" ? 170 : 220,
      tzDate: utc,
      cursor: { sync: { key: syncKey }, drag: { x: true, y: false } },
      scales,
      legend: { live: true },
      plugins: [overloadPlugin(run), eventsPlugin(run), hoverPlugin(run, info)],
    };
    const time = { label: "time (UTC)", value: (_u, v) => (v == null ? "–" : fmtTime(v)) };
    if (kind === "demand") {
      // Demand is drawn last so that it stays on top of served (equal to it whenever nothing is lost).
      return Object.assign(base, {
        axes: [timeAxis, { label: "req/s", size: 60, values: (_u, vals) => vals.map(fmtCompact) }],
        series: [
          time,
          {
            label: "serving capacity",
            stroke: "#2f9e44",
            fill: "rgba(47, 158, 68, 0.12)",
            width: 1.5,
            paths: stepped,
            value: (_u, v) => fmtCompact(v),
          },
          { label: "served", stroke: "#1c7ed6", width: 2.5, value: (_u, v) => fmtCompact(v) },
          { label: "demand", stroke: "#e8590c", width: 1.25, value: (_u, v) => fmtCompact(v) },
        ],
      });
    }
    if (kind === "nodes") {
      return Object.assign(base, {
        axes: [timeAxis, { label: "nodes", size: 60 }],
        series: [
          time,
          { label: "desired", stroke: "#212529", width: 1.5, dash: [6, 3], paths: stepped },
          { label: "in service", stroke: "#2f9e44", fill: "rgba(47, 158, 68, 0.12)", width: 1.5, paths: stepped },
          { label: "launching", stroke: "#f08c00", width: 1.5, paths: stepped },
          { label: "draining", stroke: "#9c36b5", width: 1.5, paths: stepped },
        ],
      });
    }
    return Object.assign(base, {
      axes: [timeAxis, { label: "ms", size: 60, values: (_u, vals) => vals.map(fmtCompact) }],
      series: [
        time,
        { label: "gateway p95", stroke: "#e8590c", width: 1.5, value: (_u, v) => `${fmtCompact(v)} ms` },
        { label: "upstream", stroke: "#5f3dc4", width: 1.5, value: (_u, v) => `${fmtCompact(v)} ms` },
      ],
    });
  }

  function seriesFor(run, kind) {
    if (kind === "demand") return [run.t, run.capacity, run.served, run.demand];
    if (kind === "nodes") return [run.t, run.desired, run.inService, run.launching, run.draining];
    return [run.t, run.latency, run.upstream];
  }

  data.runs.forEach((run, i) => {
    const info = document.querySelector(`[data-hover="${i}"]`);
    for (const kind of ["demand", "nodes", "latency"]) {
      const el = document.querySelector(`[data-run="${i}"][data-chart="${kind}"]`);
      if (!el) continue;
      const width = Math.max(320, el.clientWidth);
      const chart = new uPlot(chartOptions(run, kind, width, info, `s${run.group}`), seriesFor(run, kind), el);
      charts.push({ chart, el });
    }
  });

  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      for (const { chart, el } of charts) chart.setSize({ width: Math.max(320, el.clientWidth), height: chart.height });
    });
  });
})();

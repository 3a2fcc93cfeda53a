// The timeline page itself: one self-contained HTML file (no network, no external script, style or font) that draws
// timeline.ts's lanes — labels on the left, slices on a shared cycle axis with a cycle ruler and a microsecond ruler,
// zoom (wheel, + / - / fit buttons, keys + - 0) around the pointer, pan (drag, arrow keys), and hover details (the
// slice's name, cycles, microseconds and arguments). Lane labels are written into the HTML; slices are drawn by the
// page's script from the data embedded in it (a JSON script element).
import type { TimelineModel } from './timeline.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:12px/1.35 system-ui,-apple-system,"Segoe UI",sans-serif;background:#fafafa;color:#222}
header{position:sticky;top:0;z-index:3;background:#fff;border-bottom:1px solid #ccc;padding:6px 10px;display:flex;gap:12px;align-items:center}
h1{font-size:14px;margin:0;font-weight:600}h2{font-size:13px;margin:10px 10px 4px}
button{font:inherit;padding:1px 8px}#range{color:#555;font-variant-numeric:tabular-nums}
pre.meta{margin:4px 10px;color:#555;font-size:11px;white-space:pre-wrap}
.row{display:flex;border-bottom:1px solid #eee;min-height:22px}.label{flex:0 0 190px;padding:3px 8px;background:#fff;border-right:1px solid #ccc;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:500}
.track{position:relative;flex:1 1 auto;overflow:hidden;cursor:grab}.track.drag{cursor:grabbing}
.ruler .track{height:20px;background:#f0f0f0}.tick{position:absolute;top:0;bottom:0;border-left:1px solid #aaa;padding-left:2px;font-size:10px;color:#444;white-space:nowrap}
.slice{position:absolute;height:16px;border-radius:2px;font-size:10px;color:#fff;overflow:hidden;white-space:nowrap;padding:1px 2px;min-width:2px}
.cut{position:absolute;top:0;bottom:0;border-left:2px solid #d00}
.level path{fill:#9ecae1;stroke:#3182bd;stroke-width:1}
#tip{position:fixed;z-index:5;display:none;background:#222;color:#fff;padding:6px 8px;border-radius:4px;white-space:pre;font-size:11px;pointer-events:none;max-width:60ch}
.transfer{background:#b0bec5;color:#222}.arbitrating{background:#ffb74d}.reading{background:#42a5f5}.writing{background:#1e88e5}.stopping{background:#e53935}.transferring{background:#5c6bc0}
.request{background:#8e24aa}.seen{background:#ce93d8;color:#222}.irq{background:#e53935}
.ch0{background:#1e88e5}.ch1{background:#43a047}.ch2{background:#fb8c00}.ch3{background:#8e24aa}.ch4{background:#00acc1}.ch5{background:#6d4c41}.ch6{background:#c0ca33}.ch7{background:#546e7a}
.isr{background:#d32f2f}.dpc{background:#f57c00}.timer{background:#7b1fa2}.callback{background:#388e3c}.dma{background:#0277bd}.io{background:#5d4037}.verifier{background:#000}.irql{background:#999}
.instant{background:#000;min-width:3px;width:3px}.cb-isr{background:#d32f2f}.cb-dpc{background:#f57c00}.cb-passive{background:#388e3c}.request-span{background:#6d4c41}
`;

// The page's script: reads the embedded model, draws every machine's lanes for its current view.
const SCRIPT = String.raw`
(function(){
const model=JSON.parse(document.getElementById('trace-data').textContent);
const tip=document.getElementById('tip');
const views=model.machines.map(m=>({s:m.start,e:Math.max(m.end,m.start+1)}));
// #cycles=A-B opens every machine at that window (links into a trace; the docs' pictures use it).
const hv=/cycles=(\d+)-(\d+)/.exec(location.hash);if(hv&&+hv[2]>+hv[1])views.forEach((v,i)=>{views[i]={s:+hv[1],e:+hv[2]};});
function nice(span,px){const want=span/Math.max(1,px/90);const p=Math.pow(10,Math.floor(Math.log10(want)));for(const k of [1,2,5,10]){if(k*p>=want)return k*p;}return 10*p;}
// A tick label with as many digits as the tick step needs (a coarse step abbreviates, a fine one shows every digit).
function fmtN(n,step){if(step>=1e6&&n%1e6===0)return (n/1e6)+'M';if(step>=1e3&&n%1e3===0)return (n/1e3)+'k';const d=Math.max(0,Math.min(6,-Math.floor(Math.log10(step))));return n.toLocaleString('en-US',{minimumFractionDigits:d,maximumFractionDigits:d});}
function draw(mi){
  const m=model.machines[mi],v=views[mi],root=document.querySelector('[data-machine="'+mi+'"]');
  const tracks=root.querySelectorAll('.track');if(!tracks.length)return;
  const W=tracks[0].clientWidth||800,span=v.e-v.s,x=c=>(c-v.s)/span*W;
  const rc=root.querySelector('.ruler.cycles .track'),ru=root.querySelector('.ruler.us .track');
  let h='';const st=nice(span,W);for(let t=Math.ceil(v.s/st)*st;t<=v.e;t+=st)h+='<div class="tick" style="left:'+x(t)+'px">'+fmtN(t,st)+'</div>';rc.innerHTML=h;
  const per=1e6/m.clockHz,su=nice(span*per,W);h='';for(let t=Math.ceil(v.s*per/su)*su;t<=v.e*per;t+=su)h+='<div class="tick" style="left:'+x(t/per)+'px">'+fmtN(+t.toFixed(6),su)+' µs</div>';ru.innerHTML=h;
  document.getElementById('range').textContent='cycles '+Math.round(v.s)+' .. '+Math.round(v.e)+'  ('+(v.s*per).toFixed(3)+' .. '+(v.e*per).toFixed(3)+' µs)';
  m.lanes.forEach((lane,li)=>{
    const el=root.querySelector('[data-lane="'+lane.id+'"] .track');if(!el)return;
    let out='';
    if(lane.kind==='level'){
      const p=lane.points,H=20,y=val=>H-val/Math.max(1,lane.max)*(H-2);let d='M0,'+H;let last=p[1];
      for(let i=0;i<p.length;i+=2){const cx=Math.min(Math.max(x(p[i]),-1),W+1);if(p[i]>v.e)break;d+=' L'+cx+','+y(last)+' L'+cx+','+y(p[i+1]);last=p[i+1];}
      d+=' L'+W+','+y(last)+' L'+W+','+H+' Z';
      out='<svg class="level" width="'+W+'" height="'+H+'"><path d="'+d+'"></path></svg><div class="slice" style="left:2px;top:2px;background:none;color:#333" data-name="level">max '+lane.max+'</div>';
    } else {
      const lastX=[];let n=0;
      for(let k=0;k<lane.items.length;k++){
        const it=lane.items[k],[s,e,row,color,label]=it;if(e<v.s||s>v.e+0.0001)continue;
        const x0=x(s),x1=Math.max(x(e),x0+2);
        // Within one pixel of the last slice drawn on its row, only a slice of another kind is drawn too.
        if(lastX[row]!==undefined&&x1<=lastX[row][0]+1&&lastX[row][1]===label)continue;lastX[row]=[x1,label];
        if(++n>6000)break;
        const w=x1-x0;out+='<div class="slice '+color+'" data-name="'+label.replace(/"/g,'&quot;')+'" data-i="'+k+'" style="left:'+x0.toFixed(1)+'px;width:'+w.toFixed(1)+'px;top:'+(2+row*18)+'px">'+(w>40?label.replace(/</g,'&lt;'):'')+'</div>';
      }
    }
    if(m.cut&&m.cutCycle!==null&&m.cutCycle>=v.s&&m.cutCycle<=v.e)out+='<div class="cut" style="left:'+x(m.cutCycle)+'px" title="trace cut by its cap at cycle '+m.cutCycle+'"></div>';
    el.innerHTML=out;el.style.height=(lane.kind==='level'?22:4+lane.rows*18)+'px';
  });
}
function drawAll(){model.machines.forEach((_,i)=>draw(i));}
function zoom(mi,f,at){const v=views[mi],m=model.machines[mi];const c=at===undefined?(v.s+v.e)/2:at;let s=c-(c-v.s)*f,e=c+(v.e-c)*f;if(e-s<4){const mid=(s+e)/2;s=mid-2;e=mid+2;}views[mi]={s:Math.max(m.start-(m.end-m.start),s),e:Math.min(m.end+(m.end-m.start),e)};draw(mi);}
function pan(mi,frac){const v=views[mi],d=(v.e-v.s)*frac;views[mi]={s:v.s+d,e:v.e+d};draw(mi);}
function fit(){model.machines.forEach((m,i)=>{views[i]={s:m.start,e:Math.max(m.end,m.start+1)};});drawAll();}
document.getElementById('zin').onclick=()=>{model.machines.forEach((_,i)=>zoom(i,0.5));};
document.getElementById('zout').onclick=()=>{model.machines.forEach((_,i)=>zoom(i,2));};
document.getElementById('fit').onclick=fit;
document.addEventListener('keydown',ev=>{if(ev.key==='+'||ev.key==='=')document.getElementById('zin').click();else if(ev.key==='-')document.getElementById('zout').click();else if(ev.key==='0')fit();else if(ev.key==='ArrowLeft')model.machines.forEach((_,i)=>pan(i,-0.2));else if(ev.key==='ArrowRight')model.machines.forEach((_,i)=>pan(i,0.2));});
document.querySelectorAll('[data-machine]').forEach(root=>{
  const mi=+root.dataset.machine;let drag=null;
  root.addEventListener('wheel',ev=>{const t=ev.target.closest('.track');if(!t)return;ev.preventDefault();const r=t.getBoundingClientRect(),v=views[mi];zoom(mi,ev.deltaY>0?1.25:0.8,v.s+(ev.clientX-r.left)/r.width*(v.e-v.s));},{passive:false});
  root.addEventListener('mousedown',ev=>{const t=ev.target.closest('.track');if(!t)return;drag={x:ev.clientX,v:{...views[mi]},w:t.clientWidth,t};t.classList.add('drag');});
  window.addEventListener('mousemove',ev=>{if(!drag)return;const d=(ev.clientX-drag.x)/drag.w*(drag.v.e-drag.v.s);views[mi]={s:drag.v.s-d,e:drag.v.e-d};draw(mi);});
  window.addEventListener('mouseup',()=>{if(drag){drag.t.classList.remove('drag');drag=null;}});
  root.addEventListener('mousemove',ev=>{const s=ev.target.closest('.slice[data-i]');if(!s||drag){tip.style.display='none';return;}
    const lane=model.machines[mi].lanes.find(l=>l.id===s.closest('[data-lane]').dataset.lane);const it=lane.items[+s.dataset.i];
    tip.textContent=it[5];tip.style.display='block';tip.style.left=Math.min(ev.clientX+12,innerWidth-420)+'px';tip.style.top=(ev.clientY+14)+'px';});
  root.addEventListener('mouseleave',()=>{tip.style.display='none';});
});
window.addEventListener('resize',drawAll);
drawAll();
document.body.dataset.rendered='true';
})();
`;

export function timelinePage(model: TimelineModel): string {
  const machines = model.machines.map((m, mi) => {
    const rows = m.lanes.map((l) => `<div class="row lane" data-lane="${esc(l.id)}"><div class="label" title="${esc(l.label)}">${esc(l.label)}</div><div class="track"></div></div>`).join('\n');
    return `<section class="machine" data-machine="${mi}">
<h2>${esc(m.name)}${m.cut ? ` <span style="color:#d00">(cut by its cap at cycle ${m.cutCycle})</span>` : ''}</h2>
<pre class="meta">${esc(m.header.join('\n'))}</pre>
<div class="row ruler cycles"><div class="label">cycles</div><div class="track"></div></div>
<div class="row ruler us"><div class="label">µs</div><div class="track"></div></div>
${rows}
</section>`;
  }).join('\n');
  const data = JSON.stringify(model).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="kmdf-dma-sim ${esc(model.version)}">
<title>${esc(model.title)}</title><style>${STYLE}</style></head>
<body>
<header><h1>${esc(model.title)}</h1><span class="controls"><button id="zin" title="zoom in (+)">+</button> <button id="zout" title="zoom out (-)">&minus;</button> <button id="fit" title="fit (0)">fit</button></span><span id="range"></span></header>
${machines}
<div id="tip"></div>
<script type="application/json" id="trace-data">${data}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

// The bare gateway bench/run sets beside Switchboard: the same unified create of a note, mapped
// to Lever and back the way the catalog's Lever mapping does it, with nothing else (no store,
// no caps, no retries, no logs). It is the floor of what a gateway doing this mapping costs.
//
//   PORT=9001 PROVIDER=http://127.0.0.1:9000/v1 TOKEN=t node bench/gateway.js
const http = require('http');

const provider = new URL(process.env.PROVIDER);
const token = 'Bearer ' + process.env.TOKEN;
const agent = new http.Agent({keepAlive: true, maxSockets: Infinity});

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)});
  res.end(text);
}

function unified(note, sent) {
  return {
    id: note.id || note.noteId,
    candidate: {id: sent.candidate_id},
    actor: note.user ? {id: note.user, type: 'user'} : undefined,
    activity_type: 'note',
    body: note.fields && note.fields[0] ? note.fields[0].value : sent.body,
    visibility: note.secret ? 'private' : 'public',
    created_at: typeof note.createdAt === 'number' ? new Date(note.createdAt).toISOString() : undefined,
  };
}

http.createServer((req, res) => {
  if (req.method !== 'POST' || !req.url.startsWith('/unified/ats/activities')) return send(res, 404, {error: 'no route'});
  if (req.headers.authorization !== token) return send(res, 401, {error: 'bad token'});
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    let sent;
    try { sent = JSON.parse(Buffer.concat(chunks)); } catch { return send(res, 400, {error: 'body is not JSON'}); }
    if (typeof sent.candidate_id !== 'string' || typeof sent.body !== 'string') {
      return send(res, 400, {error: 'candidate_id and body are required strings'});
    }
    const out = JSON.stringify({value: sent.body, secret: ['private', 'admin_only'].includes(sent.visibility)});
    const call = http.request({
      host: provider.hostname, port: provider.port, agent, method: 'POST',
      path: provider.pathname + '/opportunities/' + encodeURIComponent(sent.candidate_id) + '/notes',
      headers: {'content-type': 'application/json', 'content-length': Buffer.byteLength(out),
                accept: 'application/json', authorization: 'Basic ' + Buffer.from('k:').toString('base64')},
    }, answer => {
      const parts = [];
      answer.on('data', c => parts.push(c));
      answer.on('end', () => {
        let remote;
        try { remote = JSON.parse(Buffer.concat(parts)); } catch { return send(res, 502, {error: 'provider answer is not JSON'}); }
        if (answer.statusCode >= 400) return send(res, 502, {error: 'provider answered ' + answer.statusCode});
        send(res, 201, {...unified(remote.data, sent), remote_data: remote});
      });
    });
    call.on('error', () => send(res, 502, {error: 'provider unreachable'}));
    call.end(out);
  });
}).listen(Number(process.env.PORT), '127.0.0.1', 4096);

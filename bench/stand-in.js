// A Lever stand-in for bench/run: answers every create-note after DELAY_MS milliseconds with
// the body Lever documents (hire.lever.co/developer/documentation#create-a-note, 201 {"data": …},
// the whole note as Nango's create-note template reads it). GET /peak tells the most calls it held
// at once since the last GET /peak, which is how many calls a gateway really had in flight.
//
//   PORT=9000 DELAY_MS=1000 node bench/stand-in.js
const http = require('http');

const delay = Number(process.env.DELAY_MS || 0);
const answer = JSON.stringify({data: {
  id: '9b7d3c0e-5a1f-4e2b-8c6d-7f0a1b2c3d4e', noteId: '9b7d3c0e-5a1f-4e2b-8c6d-7f0a1b2c3d4e', text: 'Note',
  fields: [{type: 'note', text: 'Comment', value: 'Moving to onsite', createdAt: 1782974189118, score: null,
            user: '8d49b010-cc6a-4f40-ace5-e86061c677ed', stage: 'lead-reached-out'}],
  user: '8d49b010-cc6a-4f40-ace5-e86061c677ed', secret: false, completedAt: 1782974189118,
  createdAt: 1782974189118, deletedAt: null}});
let inFlight = 0;
let peak = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/peak') {
    res.end(String(peak));
    peak = inFlight;
    return;
  }
  inFlight++;
  peak = Math.max(peak, inFlight);
  req.resume();
  req.on('end', () => setTimeout(() => {
    inFlight--;
    res.writeHead(201, {'content-type': 'application/json'});
    res.end(answer);
  }, delay));
});
server.keepAliveTimeout = 60000;
server.maxRequestsPerSocket = 0;
// A provider's listen queue is long; Node's default (511) would turn a burst of connects into 1 s SYN retries.
server.listen(Number(process.env.PORT), '127.0.0.1', 4096);

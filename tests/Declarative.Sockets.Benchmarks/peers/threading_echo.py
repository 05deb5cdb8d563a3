"""Echo server on socketserver.ThreadingTCPServer (a thread per connection), for the benchmark harness.

Prints `listening on 127.0.0.1:PORT` once bound; exits when standard input closes (the harness went away).
"""
import os
import socket
import socketserver
import sys
import threading


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv = sock.recv
        sendall = sock.sendall
        while True:
            data = recv(65536)
            if not data:
                return
            sendall(data)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 512


def watch_stdin():
    for _ in sys.stdin:
        pass
    os._exit(0)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = Server(("127.0.0.1", port), EchoHandler)
    print(f"listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()

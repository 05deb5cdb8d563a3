"""Echo server on Twisted (epoll reactor, Protocol.dataReceived), for the benchmark harness.

Run with /usr/bin/python3 (Debian python3-twisted). Prints `listening on 127.0.0.1:PORT` once bound; exits when
standard input closes (the harness went away).
"""
import os
import sys
import threading

from twisted.internet import epollreactor

epollreactor.install()

from twisted.internet import protocol, reactor  # noqa: E402


class Echo(protocol.Protocol):
    def connectionMade(self):
        self.transport.setTcpNoDelay(True)

    def dataReceived(self, data):
        self.transport.write(data)


def watch_stdin():
    for _ in sys.stdin:
        pass
    os._exit(0)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    listening = reactor.listenTCP(port, protocol.Factory.forProtocol(Echo), backlog=512, interface="127.0.0.1")
    print(f"listening on 127.0.0.1:{listening.getHost().port}", flush=True)
    threading.Thread(target=watch_stdin, daemon=True).start()
    reactor.run()


if __name__ == "__main__":
    main()

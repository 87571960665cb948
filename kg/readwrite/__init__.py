"""File formats of the graph, in networkx's ``readwrite`` shape: ``write_X(G, path)`` / ``read_X(path)``.

=============  ===============================  ============================================
format         functions                        what for
=============  ===============================  ============================================
GraphML        write_graphml / read_graphml     Gephi, yEd, ``networkx.read_graphml``
node-link JSON write_json / read_json           JavaScript, ``networkx.node_link_graph``
triples JSONL  write_triples / read_triples     one fact per line, with evidence
Neo4j CSV      write_neo4j_csv / read_neo4j_csv ``neo4j-admin database import full``
=============  ===============================  ============================================
"""
from .graphml import read_graphml, write_graphml
from .json_graph import read_json, write_json
from .neo4j_csv import read_neo4j_csv, write_neo4j_csv
from .triples import read_triples, write_triples

__all__ = [
    "read_graphml", "write_graphml", "read_json", "write_json",
    "read_neo4j_csv", "write_neo4j_csv", "read_triples", "write_triples",
]

// Print every node and relationship of a Neo4j 5.26 store as JSON lines, for kg's tests of
// `neo4j-admin database import full`: the test imports kg's CSV files with the real tool, then
// reads back with this what landed in the store (labels, types, every property) and compares it
// with the graph. Opens the store embedded (no server, no port) and only reads it.
//
//   java -cp 'docker/neo4j-harness/deps/*' docker/neo4j-harness/StoreDump.java NEO4J_HOME [DATABASE]
//
// Output: one line per node {"node": {"labels": [...], "properties": {...}}}, then one per
// relationship {"rel": {"start": <start node's id property>, "type": "...", "end": ..., "properties": {...}}}.

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;

public class StoreDump {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String database = args.length > 1 ? args[1] : "neo4j";
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home).build();
        ObjectMapper json = new ObjectMapper();
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try {
            GraphDatabaseService db = dbms.database(database);
            try (Transaction tx = db.beginTx()) {
                for (Node n : tx.getAllNodes()) {
                    List<String> labels = new ArrayList<>();
                    n.getLabels().forEach(l -> labels.add(l.name()));
                    Map<String, Object> node = new LinkedHashMap<>();
                    node.put("labels", labels);
                    node.put("properties", n.getAllProperties());
                    out.write(json.writeValueAsString(Map.of("node", node)));
                    out.newLine();
                }
                for (Relationship r : tx.getAllRelationships()) {
                    Map<String, Object> rel = new LinkedHashMap<>();
                    rel.put("start", r.getStartNode().getProperty("id", null));
                    rel.put("type", r.getType().name());
                    rel.put("end", r.getEndNode().getProperty("id", null));
                    rel.put("properties", r.getAllProperties());
                    out.write(json.writeValueAsString(Map.of("rel", rel)));
                    out.newLine();
                }
            }
        } finally {
            out.flush();
            dbms.shutdown();
        }
    }
}

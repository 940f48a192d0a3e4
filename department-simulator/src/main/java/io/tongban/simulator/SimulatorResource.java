package io.tongban.simulator;

import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskSupplemented;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    @Inject
    SimulatedDepartments departments;

    /** A department system's task endpoint, as the gateway's HTTP adapter calls it. */
    @POST
    @Path("departments/{department}/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response task(@PathParam("department") String department, DepartmentTaskAssigned task) {
        if (task == null || task.taskId() == null || !department.equals(task.department())) {
            return Response.status(422).build();
        }
        departments.receive(department, task);
        return Response.accepted().build();
    }

    /** The gateway delivers the applicant's supplement to a task this department asked about. */
    @POST
    @Path("departments/{department}/tasks/{taskId}/supplement")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response supplement(@PathParam("department") String department, @PathParam("taskId") String taskId,
                               DepartmentTaskSupplemented supplemented) {
        if (supplemented == null || !taskId.equals(supplemented.taskId())) {
            return Response.status(422).build();
        }
        departments.receiveSupplement(department, taskId, supplemented.inputs());
        return Response.accepted().build();
    }

    /** The gateway tells the department to stop working on a task. */
    @POST
    @Path("departments/{department}/tasks/{taskId}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response cancellation(@PathParam("department") String department, @PathParam("taskId") String taskId) {
        departments.cancel(taskId);
        return Response.accepted().build();
    }

    /** How many deliveries arrived, how many distinct tasks, and which tasks arrived more than once. */
    @GET
    @Path("simulator/deliveries")
    public Map<String, Object> deliveries() {
        return departments.deliveryCounts();
    }

    /** The tasks seen (optionally for one matter), with the inputs received and the outputs answered. */
    @GET
    @Path("simulator/tasks")
    public List<SimulatedDepartments.SeenTask> tasks(@QueryParam("matterId") String matterId) {
        return departments.tasksOf(matterId);
    }
}
